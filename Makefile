# Thin wrapper over scripts/install-deps.sh, CMake and CTest.
#   make serve  install what is missing, build (Release), create ./goatflow.db on
#               first run, and serve on 127.0.0.1:8080
#   make test   install what is missing, build, run every test suite (CTest)
#   make bench  install what is missing, build the benchmarks, run them

BUILD_DIR   ?= build
RELEASE_DIR ?= build-release
BENCH_DIR   ?= build-bench
DB          ?= goatflow.db
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: deps test build serve bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DGOATFLOW_BUILD_TESTS=ON -DGOATFLOW_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

serve: deps
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DGOATFLOW_BUILD_TESTS=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)
	@if [ ! -f "$(DB)" ]; then $(RELEASE_DIR)/goatflow init --db "$(DB)"; fi
	@bash scripts/serve.sh "$(RELEASE_DIR)" "$(DB)"

bench: deps
	@cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DGOATFLOW_BUILD_TESTS=OFF -DGOATFLOW_BUILD_BENCH=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BENCH_DIR) -j $(JOBS)
	@bash bench/run.sh "$(BENCH_DIR)"

clean:
	@rm -rf $(BUILD_DIR) $(RELEASE_DIR) $(BENCH_DIR)
