// Placeholder so the library has a source until the tracing requests land.
namespace concord::tracing {}
