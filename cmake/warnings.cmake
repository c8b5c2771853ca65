# One place for compiler flags, applied to every Concord target through concord_options.
add_library(concord_options INTERFACE)
target_compile_options(concord_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                                 -Wold-style-cast -Wcast-align -Woverloaded-virtual)
if(CONCORD_WERROR)
  target_compile_options(concord_options INTERFACE -Werror)
endif()
if(CONCORD_SANITIZE)
  target_compile_options(concord_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                   -fno-sanitize-recover=undefined)
  target_link_options(concord_options INTERFACE -fsanitize=address,undefined)
endif()
# Boost.Asio's deprecated APIs stay off so the code uses only the current interfaces.
target_compile_definitions(concord_options INTERFACE BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW)
target_include_directories(concord_options INTERFACE ${PROJECT_SOURCE_DIR}/src)
