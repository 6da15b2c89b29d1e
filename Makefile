# werkcheck: `make demo` starts the kiosk on the demo content; `make test` runs every test.
# Both install what is missing first (Debian 12: apt-get, and npm for the pictures).
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_DATA ?= .demo-data

.PHONY: all deps build demo coach-demo test bench lint pictures-doc clean package

all: build

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/werkcheck --windowed --data $(DEMO_DATA)

# The coach pages on demo data: http://127.0.0.1:8080/coach/ (accounts are printed).
coach-demo: build
	python3 scripts/coach_demo.py --build $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure --timeout 1200

# Debian packages werkcheck-kiosk, werkcheck-server and werkcheck-content in $(BUILD)/packages
# (debian/; the version is the top entry of debian/changelog).
package: deps
	JOBS=$(JOBS) bash scripts/build-packages.sh $(BUILD)/packages

lint: build
	$(BUILD)/werkcheck lint --content $(BUILD)/content

# docs/pictures.md from assets/content/pictures.json (the test pictures_doc fails when it is stale).
pictures-doc: build
	$(BUILD)/werkcheck pictures-doc --content $(BUILD)/content > docs/pictures.md.tmp && mv docs/pictures.md.tmp docs/pictures.md

bench: build
	python3 bench/pack_size_bench.py --content $(BUILD)/content
	python3 bench/kiosk_bench.py --bin $(BUILD)/werkcheck --content $(BUILD)/content --bench-bin $(BUILD)/bench_kiosk
	python3 bench/server_bench.py --server $(BUILD)/werkcheck-server
	python3 bench/fleet_bench.py --server $(BUILD)/werkcheck-server
	python3 bench/migrate_bench.py --server $(BUILD)/werkcheck-server
	python3 bench/sync_drain_bench.py --bin $(BUILD)/werkcheck --server $(BUILD)/werkcheck-server
	python3 bench/coach_bench.py --server $(BUILD)/werkcheck-server --kiosk $(BUILD)/werkcheck \
	  --content $(BUILD)/content --web $(BUILD)/coach-web

clean:
	rm -rf $(BUILD)
