# shipshape — build, serve and test everything from a fresh checkout.
# `make serve` builds the page and serves it; `make test` runs every test.

SHELL := /bin/bash
CARGO ?= cargo

.PHONY: test test-native fmt-check

test: test-native

test-native: fmt-check
	$(CARGO) test --all-targets

fmt-check:
	$(CARGO) fmt --check
