# The two commands: `make run` (demo on the embedded default) and `make test` (the whole suite).
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SUBJECTS ?= 5000
SEED ?= 1
RECORDS ?= 3000

.PHONY: run test venv lint migrate seed bench clean

venv:
	@scripts/make-venv.sh

migrate: venv
	$(BIN)/publiccredit migrate --noinput

seed: migrate
	$(BIN)/publiccredit seed --subjects $(SUBJECTS) --seed $(SEED) --records $(RECORDS)

run: seed
	$(BIN)/publiccredit collectstatic --noinput -v 0
	@echo "演示站点：http://$(HOST):$(PORT)/  管理后台：http://$(HOST):$(PORT)/admin/（账号见 var/demo-accounts.txt）"
	$(BIN)/publiccredit runserver $(HOST):$(PORT) --noreload

test: venv
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check src tests bench

bench: venv
	$(BIN)/python bench/bench_seed.py

clean:
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache
