# Stable entry points: `make build`, `make run`, `make test` (`make test-ha`: the PostgreSQL
# failover and two-node tests; `make bench`: the benchmarks of docs/benchmarks.md — neither is
# part of `make test`).
BUILD ?= build
DB ?= sqlite:data/huiyin.db
PORT ?= 8080

.PHONY: setup build web run test test-ha bench clean

setup:
	bash scripts/setup.sh

build: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j2
	bash scripts/build_web.sh

run: build
	mkdir -p data
	$(BUILD)/huiyin serve --db $(DB) --port $(PORT) --demo

test:
	bash scripts/test.sh

test-ha:
	bash scripts/test_ha.sh

bench:
	bash scripts/bench.sh

clean:
	rm -rf $(BUILD)
