# The two commands a new engineer needs: `make demo` and `make test`. Everything else is a step
# of those two. Each runs scripts/setup first, so a fresh Debian 12 machine needs nothing by hand.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DEMO_DB    ?= var/demo.db
LISTEN     ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 12
JOBS       ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONCORD_WERROR=ON

.PHONY: all setup build test demo unit-tests asan-tests fuzz-tests check-format format clean

all: build

setup:
	@scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/src/cli/concord demo --db sqlite:$(DEMO_DB)
	@echo "Open http://$(LISTEN)/api/v1/states (health: /healthz, metrics: /metrics)."
	exec $(BUILD)/src/cli/concord serve --db sqlite:$(DEMO_DB) --listen $(LISTEN)

# Every test: formatting, the full suite on SQLite and PostgreSQL, the unit tests again under
# ASan+UBSan, and a bounded fuzzing run. Ends with ctest's summary of the main suite.
test: build check-format asan-tests fuzz-tests
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 300

check-format:
	@scripts/check-format

format:
	@scripts/check-format --fix

$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCONCORD_WERROR=ON \
	  -DCONCORD_SANITIZE=ON -DCONCORD_TEST_SCOPE=unit

asan-tests: setup $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

$(FUZZ_BUILD)/build.ninja:
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
	  -DCONCORD_FUZZ=ON -DCONCORD_TESTS=OFF

fuzz-tests: setup $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_json_body fuzz_request_target fuzz_text \
	  fuzz_marking_query fuzz_marking_system fuzz_csv_reader fuzz_webhook_url fuzz_reference_csv \
	  fuzz_tracing_answer fuzz_iati_import fuzz_rates_csv fuzz_hazard_polygon \
	  fuzz_operations_figures fuzz_records_json fuzz_hazard_json
	scripts/run-fuzzers $(FUZZ_BUILD) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
