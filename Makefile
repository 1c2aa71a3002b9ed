# The two commands: `make run` (demo on the embedded default) and `make test` (the whole suite).
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SUBJECTS ?= 5000
SEED ?= 1
RECORDS ?= 3000

# WeasyPrint renders documents (告知书, 决定书, credit reports) to PDF: Pango, HarfBuzz's subsetter (or each PDF takes
# seconds) and CJK fonts; openssl (3.x) signs credit reports with SM2 (docs/reports.md).
PDF_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk openssl

.PHONY: run test api-fuzz venv lint migrate seed bench bench-import bench-portal bench-screening bench-evaluation bench-inspections bench-commitments bench-reports bench-remedies bench-contacts clean

venv:
	@scripts/make-venv.sh

migrate: venv
	$(BIN)/publiccredit migrate --noinput

seed: migrate
	$(BIN)/publiccredit seed --subjects $(SUBJECTS) --seed $(SEED) --records $(RECORDS)

run: seed
	@scripts/require-system-packages.sh $(PDF_PACKAGES)
	$(BIN)/publiccredit collectstatic --noinput -v 0
	@echo "演示站点：http://$(HOST):$(PORT)/  业务工作台：/backoffice/  管理后台：/admin/（账号见 var/demo-accounts.txt）"
	PUBLICCREDIT_SECURE_COOKIES=false $(BIN)/publiccredit runserver $(HOST):$(PORT) --noreload

# Browser tests drive Debian's Chromium (never a downloaded browser); CJK fonts keep screenshots readable.
test: venv
	@scripts/require-system-packages.sh chromium $(PDF_PACKAGES)
	$(BIN)/pytest $(PYTEST_ARGS)

# Bounded schemathesis run against the OpenAPI schema (EXAMPLES per operation, default 10): no server error, no
# conformance failure (docs/api.md).
api-fuzz: venv
	@scripts/api-fuzz.sh

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

bench: venv
	$(BIN)/python bench/bench_seed.py

# Needs DATABASE_URL pointing at an empty PostgreSQL database (see bench/README.md).
bench-import: venv
	$(BIN)/python bench/bench_import.py --rows 1000000 --naive-rows 20000 --pool 50000 --repeat 3 --grow

# Needs DATABASE_URL pointing at a PostgreSQL database with LC_CTYPE C.UTF-8 (see bench/README.md).
bench-portal: venv
	@scripts/require-system-packages.sh wrk
	$(BIN)/python bench/bench_portal.py --subjects 1000000 --records 20000

bench-screening: venv
	$(BIN)/python bench/bench_screening.py --subjects 1000000 --entries 50000 --records 200000 --batch 100000

# The same database as bench-screening (its setup is reused).
bench-evaluation: venv
	$(BIN)/python bench/bench_evaluation.py --subjects 1000000 --entries 50000 --records 200000

# The draw over 1,000,000 synthetic candidates; the city-wide plan on the bench-screening database.
bench-inspections: venv
	$(BIN)/python bench/bench_inspections.py --candidates 1000000

bench-commitments: venv
	$(BIN)/python bench/bench_commitments.py --asks 500

bench-reports: venv
	$(BIN)/python bench/bench_reports.py --repeat 15 --concurrent 20

# Needs DATABASE_URL pointing at a PostgreSQL database with LC_CTYPE C.UTF-8 (see bench/README.md).
bench-remedies: venv
	$(BIN)/python bench/bench_remedies.py --subjects 200000 --applications 100000 --objections 100000

# Needs DATABASE_URL pointing at a PostgreSQL database with LC_CTYPE C.UTF-8 (see bench/README.md).
bench-contacts: venv
	$(BIN)/python bench/bench_contacts.py --subjects 400000 --naive-rows 5000

clean:
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache
