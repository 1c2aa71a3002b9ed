"""The intake machinery behind every delivery channel: a batch read in chunks, each row checked, keyed, linked to
its subject and stored as a new record, a new version (更正) or a withdrawal (撤销), each chunk in its own
transaction. ``services.py`` holds the verbs that drive it (``submit_records``, ``import_file``); the rules are in
docs/collection.md."""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from publiccredit.accounts.roles import require_writer
from publiccredit.audit.services import record_write
from publiccredit.catalog.models import CatalogItem
from publiccredit.core.bulk import any_id_clause, filter_in, insert_rows, select_where_in
from publiccredit.core.crypto import encrypt_text, lookup_hash
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.core.masking import mask_citizen_id
from publiccredit.events.services import emit
from publiccredit.subjects.models import Subject
from publiccredit.subjects.names import normalize_name
from publiccredit.subjects.services import SubjectSpec, bulk_register_subjects
from publiccredit.workdays.services import working_days_between

from . import topics
from .authority import authority_rule
from .keys import business_key, content_digest
from .models import Batch, BatchError, CreditRecord, RecordVersion
from .rules import publicity_window, severity_of
from .validation import CheckedRow, ItemSchema, RowError

CHUNK_SIZE = 5000
MAX_API_RECORDS = 5000
# The counts a batch carries, written as each chunk commits and again when the batch closes.
BATCH_COUNTERS = ("total", "accepted", "rejected", "created", "updated", "unchanged", "withdrawn", "unlisted_errors")


@dataclass
class IntakeResult:
    batch: Batch
    total: int = 0
    accepted: int = 0
    rejected: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    masked_text_rows: int = 0  # rows whose free text held ID or mobile numbers, stored encrypted and shown masked
    errors: list[RowError] = field(default_factory=list)
    unlisted_errors: int = 0  # errors beyond the per-batch listing limit: counted, not kept one by one

    def note(self, errors: list[RowError]) -> list[RowError]:
        """Keep errors up to the batch's listing limit and count the rest; returns the ones kept. A file of a
        million bad rows must not become a million stored reasons (settings.MAX_LISTED_ERRORS)."""
        room = max(0, settings.MAX_LISTED_ERRORS - len(self.errors))
        listed = errors[:room]
        self.errors.extend(listed)
        self.unlisted_errors += len(errors) - len(listed)
        return listed

    def as_dict(self) -> dict:
        return {"batch": self.batch.pk, "status": self.batch.status, "total": self.total, "accepted": self.accepted,
                "rejected": self.rejected, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "withdrawn": self.withdrawn, "masked_text_rows": self.masked_text_rows,
                "errors": [e.as_dict() for e in self.errors], "unlisted_errors": self.unlisted_errors}


def check_provider(item: CatalogItem, provider) -> None:
    """Only the item's responsible departments and its declared relays may deliver it (any department when none
    is named); what each may say is then checked row by row (collection/authority.py)."""
    if not item.is_active:
        raise DomainError(f"信息项“{item.name}”已停用", code="item_inactive")
    allowed = list(item.providers.all())
    if allowed and provider not in allowed and not item.relay_providers.filter(pk=provider.pk).exists():
        names = "、".join(o.short_name or o.name for o in allowed)
        raise PermissionDenied(f"{provider.name}不是“{item.name}”的报送单位（报送单位：{names}）", code="not_a_provider")


@dataclass
class CheckedChunk:
    """Rows of one chunk after checking: the good ones with their business keys, and the errors."""

    rows: list[CheckedRow]
    keys: list[str]
    errors: list[RowError]


class Intake:
    """One batch being taken in. ``run`` drives it; the pieces are methods so each rule has one place."""

    def __init__(self, *, item: CatalogItem, provider, actor, channel: str, dry_run: bool, atomic: bool,
                 file_name: str = "", file_sha256: str = "", today: dt.date | None = None,
                 received_at: dt.datetime | None = None):
        """``received_at`` back-dates receipt, for loading historical records (and the demo city)."""
        require_writer(actor)
        check_provider(item, provider)
        self.received_at = received_at
        self.item, self.provider, self.actor = item, provider, actor
        self.version = item.current_version
        self.schema = ItemSchema(self.version.schema)
        self.schema.authority = authority_rule(item, provider)
        self.today = today or (timezone.localtime(received_at).date() if received_at else timezone.localdate())
        self.dry_run, self.atomic = dry_run, atomic
        self.seen_keys: dict[str, int] = {}
        if file_sha256:
            Batch.objects.filter(provider=provider, item=item, file_sha256=file_sha256,
                                 status=Batch.Status.PROCESSING).update(status=Batch.Status.INTERRUPTED)
        self.batch = Batch.objects.create(item=item, item_version=self.version, provider=provider,
                                          submitted_by=actor if getattr(actor, "pk", None) else None, channel=channel,
                                          file_name=file_name[:255], file_sha256=file_sha256, dry_run=dry_run,
                                          atomic=atomic)
        if received_at:
            self.batch.started_at = received_at
            Batch.objects.filter(pk=self.batch.pk).update(started_at=received_at)
        self.result = IntakeResult(batch=self.batch)
        role = self.schema.role
        self.decision_field, self.name_field = role.get("decision_number"), role.get("party_name")
        self.date_field, self.until_field = role.get("decision_date"), role.get("valid_until")
        self.publicity_field = role.get("publicity_until")
        self.id_type_field = role.get("party_id_type")
        self.writer = None  # a BackgroundWriter when large imports pipeline their writes
        self.rule_fields = sorted({c["field"] for r in self.version.schema.get("severity_rules", [])
                                   for c in r["conditions"]})
        self._derived_memo: dict = {}

    # ---- keys and hashes -----------------------------------------------------------------------------------
    def party_component(self, row: CheckedRow) -> str:
        if row.party_uscc:
            return row.party_uscc
        if row.party_citizen_id:
            return "id:" + lookup_hash(row.party_citizen_id)
        id_field = self.schema.role.get("party_id_number")
        if id_field and row.values.get(id_field):  # passports and the like: keyed hash, never plain text
            return "doc:" + lookup_hash(f"{row.values.get(self.id_type_field, '')}:{row.values[id_field]}")
        others = [str(row.values[c]) for c in self.schema.other_registration if row.values.get(c)]
        return "reg:" + (others[0] if others else "")

    def key_of(self, row: CheckedRow) -> str:
        decision = row.values.get(self.decision_field, "")
        return business_key(self.provider.code, self.item.code, decision, self.party_component(row))

    def masked(self, row: CheckedRow) -> tuple[dict, dict, str]:
        """(payload with ID numbers masked, encrypted ID numbers, content hash of the full row)."""
        payload, protected = dict(row.values), {}
        for code, number in row.protected.items():
            payload[code] = row.masked_text.get(code) or mask_citizen_id(number)
            protected[code] = encrypt_text(number)
        # whatever is kept encrypted enters the content hash only by its keyed hash
        keyed = sorted({*self.schema.id_number_fields, *row.protected})
        return payload, protected, row.content_hash or content_digest(row.values, keyed)

    # ---- the flow ------------------------------------------------------------------------------------------
    def duplicate_error(self, number: int, first: int, decision: str = "") -> RowError:
        return RowError(number, self.decision_field or "", "duplicate_in_batch",
                        f"与本批次第{first}行的业务主键（决定文书号+相对人代码）重复", decision)

    def check_rows(self, numbered_rows: Iterable[tuple[int, dict]]) -> CheckedChunk:
        return self.admit(((number, *self.schema.check(number, raw, today=self.today)) for number, raw in numbered_rows))

    def admit(self, checked: Iterable[tuple[int, CheckedRow | None, list[RowError]]]) -> CheckedChunk:
        """Count checked rows, give each good one its business key, and refuse a key seen earlier in the batch."""
        good, keys, chunk_errors = [], [], []
        for number, row, errors in checked:
            self.result.total += 1
            if row is not None:
                key = self.key_of(row)
                first = self.seen_keys.get(key)
                if first is not None:
                    errors = [self.duplicate_error(number, first, self._decision(row))]
                    row = None
                else:
                    self.seen_keys[key] = number
            if row is None:
                self.result.rejected += 1
                chunk_errors.extend(errors)
            else:
                good.append(row)
                keys.append(key)
        return CheckedChunk(good, keys, self.result.note(chunk_errors))

    def store(self, chunk: CheckedChunk) -> None:
        """Classify the chunk's rows against what is stored and write (unless dry run)."""
        names = ["id", "key_hash", "content_hash", "version", "state", "subject_id"]
        existing = {row[1]: dict(zip(names, row, strict=True))
                    for row in select_where_in(CreditRecord, "key_hash", chunk.keys, names)}
        creates, corrections, withdrawals, errors = [], [], [], []
        for row, key in zip(chunk.rows, chunk.keys, strict=True):
            current = existing.get(key)
            if row.withdraw:
                if current is None:
                    errors.append(RowError(row.row, self.decision_field or "", "withdraw_unknown",
                                           "要撤销的记录不存在（决定文书号与相对人代码须与原报送一致）",
                                           self._decision(row)))
                elif current["state"] == CreditRecord.State.WITHDRAWN:
                    self.result.unchanged += 1
                else:
                    withdrawals.append((row, current))
                continue
            payload, protected, content_hash = self.masked(row)
            if current is None:
                creates.append((row, key, payload, protected, content_hash))
            elif current["content_hash"] == content_hash and current["state"] != CreditRecord.State.WITHDRAWN:
                self.result.unchanged += 1
            else:
                corrections.append((row, current, payload, protected, content_hash))
        claimed = self.claimed_elsewhere([(self._decision(row), self._party_code(row)) for row, *_ in creates])
        if claimed:
            kept = []
            for create in creates:
                holder = claimed.get((self._decision(create[0]), self._party_code(create[0])))
                if holder:
                    errors.append(self.claimed_error(create[0].row, holder, self._decision(create[0])))
                else:
                    kept.append(create)
            creates = kept
        self.result.rejected += len(errors)
        errors = self.result.note(errors)
        self.result.masked_text_rows += sum(1 for row, *_ in creates if row.masked_text) + sum(
            1 for row, *_ in corrections if row.masked_text)
        self.result.created += len(creates)
        self.result.updated += len(corrections) + len(withdrawals)
        self.result.withdrawn += len(withdrawals)
        self.result.accepted = self.result.created + self.result.updated + self.result.unchanged
        if self.dry_run:
            return
        now = self.received_at or timezone.now()
        subjects = self.link_subjects([row for row, *_ in creates])
        create_rows = self.create_rows(creates, subjects, now)
        chunk_errors = [BatchError(batch=self.batch, **e.as_dict()) for e in chunk.errors + errors]

        def write():
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # Chunks commit without waiting for the WAL flush. A crash can lose only the newest chunks (WAL
                    # replays in order) and the batch is closed by a normal, durable commit after all of them; a
                    # re-run restores anything lost, without duplicates.
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL synchronous_commit TO OFF")
                created_ids = self.insert_creates(create_rows)
                corrected_ids = self.write_corrections(corrections, now)
                withdrawn_ids = self.write_withdrawals(withdrawals, now)
                BatchError.objects.bulk_create(chunk_errors, batch_size=2000)
                if created_ids or corrected_ids or withdrawn_ids:
                    emit(topics.RECORDS_CHANGED, {"batch": self.batch.pk, "item": self.item.code, "created": created_ids,
                                             "corrected": corrected_ids, "withdrawn": withdrawn_ids})

        if self.writer is None:
            write()
        else:  # after the subjects this chunk registered are committed, the writer thread stores the records
            transaction.on_commit(lambda: self.writer.submit(write))

    def _decision(self, row: CheckedRow) -> str:
        return str(row.values.get(self.decision_field, ""))[:128]

    def claimed_elsewhere(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
        """(decision number, party code) pairs another provider already delivered for this item, in any state,
        with that provider's name and the record's state. One decision has one source: a second department's
        delivery would show it twice, and would bring a withdrawn decision back (docs/collection.md)."""
        decisions = sorted({decision for decision, _party in pairs if decision})
        if not decisions:
            return {}
        wanted, found = set(pairs), {}
        states = dict(CreditRecord.State.choices)
        others = CreditRecord.objects.filter(item=self.item).exclude(provider=self.provider).order_by()
        for part in filter_in(others, "decision_number", decisions, chunk=2000):
            for decision, party, provider, state in part.values_list("decision_number", "party_code",
                                                                     "provider__name", "state"):
                if (decision, party) in wanted:
                    found[(decision, party)] = (provider, states.get(state, state))
        return found

    def claimed_error(self, number: int, holder: tuple[str, str], decision: str = "") -> RowError:
        provider, state = holder
        return RowError(number, self.decision_field or "", "delivered_by_another",
                        f"该决定已由{provider}报送（{state}），同一决定只能有一个来源单位，不能重复报送", decision)

    def link_subjects(self, rows: list[CheckedRow]) -> dict[str, int]:
        """Subject id per USCC / citizen ID; valid codes not yet in the registry become subjects (with the name
        the department gave). Rows with neither stay unlinked."""
        usccs = {r.party_uscc for r in rows if r.party_uscc}
        ids = {r.party_citizen_id for r in rows if r.party_citizen_id}
        found = dict(select_where_in(Subject, "uscc", usccs, ["uscc", "id"]))
        hashes = {lookup_hash(n): n for n in ids}
        for id_hash, pk in select_where_in(Subject, "id_hash", hashes, ["id_hash", "id"]):
            found[hashes[id_hash]] = pk
        missing, specs = set(), []
        for row in rows:
            code = row.party_uscc or row.party_citizen_id
            if not code or code in found or code in missing:
                continue
            missing.add(code)
            specs.append(SubjectSpec(kind=row.party_kind, name=row.values.get(self.name_field, ""), code=code))
        if specs:
            created = bulk_register_subjects(specs=specs, actor=self.actor,
                                             reason=f"归集批次{self.batch.pk}中首次出现的主体")
            for subject in created.subjects:
                if subject.uscc:
                    found[subject.uscc] = subject.pk
            for id_hash, pk in select_where_in(Subject, "id_hash", hashes, ["id_hash", "id"]):
                found[hashes[id_hash]] = pk
        return found

    def _dates(self, values: dict):
        def as_date(code):
            text = values.get(code) if code else None
            return dt.date.fromisoformat(text) if text else None

        return as_date(self.date_field), as_date(self.until_field), as_date(self.publicity_field)

    def _derived(self, row: CheckedRow) -> dict:
        """Severity and publicity window; memoised, as a city's rows share few distinct combinations."""
        values = row.values
        key = (values.get(self.date_field), values.get(self.until_field), values.get(self.publicity_field),
               *(str(values.get(code)) for code in self.rule_fields))
        derived = self._derived_memo.get(key)
        if derived is None:
            derived = self._derived_memo[key] = self._derive(row)
        return derived

    def _derive(self, row: CheckedRow) -> dict:
        decision, until, requested_end = self._dates(row.values)
        severity = severity_of(self.version.schema, row.values)
        published, start, repairable, end = publicity_window(self.version.schema, severity, decision, until,
                                                             requested_end)
        return {"decision_date": decision, "severity": severity, "published": published, "publicity_start": start,
                "repairable_from": repairable, "publicity_end": end}

    def _party_code(self, row: CheckedRow) -> str:
        return row.party_uscc or (mask_citizen_id(row.party_citizen_id) if row.party_citizen_id else "")

    CREATE_COLUMNS = [
        "item_id", "item_version_id", "provider_id", "subject_id", "key_hash", "decision_number", "party_name",
        "party_name_normalized", "party_kind", "party_code", "payload", "protected", "content_hash", "decision_date",
        "received_at", "updated_at", "lateness_working_days", "on_time", "severity", "published", "publicity_start",
        "repairable_from", "publicity_end", "state", "version", "batch_id",
    ]

    def create_rows(self, creates, subjects: dict[str, int], now) -> list[list]:
        """New records as plain rows in CREATE_COLUMNS order (the Python half of writing)."""
        deadline = self.version.schema.get("deadline_working_days")
        received = timezone.localtime(now).date()
        fixed = (self.item.pk, self.version.pk, self.provider.pk)
        rows = []
        for row, key, payload, protected, content_hash in creates:
            derived = self._derived(row)
            decision = derived["decision_date"]
            lateness = working_days_between(decision, received) if decision else None
            name = str(row.values.get(self.name_field, ""))[:200]
            rows.append([
                *fixed, subjects.get(row.party_uscc or row.party_citizen_id), key,
                str(row.values.get(self.decision_field, ""))[:128], name, normalize_name(name)[:200], row.party_kind,
                self._party_code(row), payload, protected, content_hash, decision, now, now, lateness,
                None if lateness is None or deadline is None else lateness <= deadline, derived["severity"],
                derived["published"], derived["publicity_start"], derived["repairable_from"], derived["publicity_end"],
                CreditRecord.State.ACTIVE, 1, self.batch.pk,
            ])
        return rows

    def insert_creates(self, rows: list[list]) -> list[int]:
        """COPY the new records (PostgreSQL), then their first versions in one INSERT … SELECT."""
        ids = insert_rows(CreditRecord, self.CREATE_COLUMNS, rows)
        self.insert_first_versions(ids)
        return ids

    def insert_first_versions(self, ids: list[int]) -> None:
        record_table, version_table = CreditRecord._meta.db_table, RecordVersion._meta.db_table
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 5000):
                where, params = any_id_clause(connection, "id", ids[start:start + 5000])
                cursor.execute(
                    f"INSERT INTO {version_table} (record_id, number, change, payload, protected, content_hash, "
                    f"reason, batch_id, recorded_at) SELECT id, 1, %s, payload, protected, content_hash, '', batch_id, "
                    f"received_at FROM {record_table} WHERE {where}", [RecordVersion.Change.CREATED, *params])

    def write_corrections(self, corrections, now) -> list[int]:
        if not corrections:
            return []
        records, versions = [], []
        for row, current, payload, protected, content_hash in corrections:
            # A department correcting a record that was repaired does not undo the repair (国办发〔2025〕22号: a
            # repaired record stays out of publication, sharing and punishment); its content still gets the version.
            state = (CreditRecord.State.REPAIRED if current["state"] == CreditRecord.State.REPAIRED
                     else CreditRecord.State.CORRECTED)
            record = CreditRecord(pk=current["id"], payload=payload, protected=protected, content_hash=content_hash,
                                  version=current["version"] + 1, state=state, updated_at=now,
                                  batch=self.batch, item_version=self.version,
                                  party_name=str(row.values.get(self.name_field, ""))[:200], **self._derived(row))
            record.party_name_normalized = normalize_name(record.party_name)[:200]
            records.append(record)
            versions.append(RecordVersion(record_id=record.pk, number=record.version,
                                          change=RecordVersion.Change.CORRECTED, payload=payload, protected=protected,
                                          content_hash=content_hash, batch=self.batch, recorded_at=now))
        CreditRecord.objects.bulk_update(records, [
            "payload", "protected", "content_hash", "version", "state", "updated_at", "batch", "item_version",
            "party_name", "party_name_normalized", "decision_date", "severity", "published", "publicity_start",
            "repairable_from", "publicity_end"], batch_size=1000)
        RecordVersion.objects.bulk_create(versions, batch_size=2000)
        return [r.pk for r in records]

    def write_withdrawals(self, withdrawals, now) -> list[int]:
        if not withdrawals:
            return []
        stored = {r.pk: r for r in CreditRecord.objects.filter(pk__in=[c["id"] for _, c in withdrawals])}
        versions = []
        for row, current in withdrawals:
            record = stored[current["id"]]
            record.version += 1
            record.state, record.updated_at, record.batch = CreditRecord.State.WITHDRAWN, now, self.batch
            versions.append(RecordVersion(record_id=record.pk, number=record.version,
                                          change=RecordVersion.Change.WITHDRAWN, payload=record.payload,
                                          protected=record.protected, content_hash=record.content_hash,
                                          reason=row.reason[:500], batch=self.batch, recorded_at=now))
        CreditRecord.objects.bulk_update(list(stored.values()), ["version", "state", "updated_at", "batch"])
        RecordVersion.objects.bulk_create(versions)
        return list(stored)

    def finish(self, status: str, message: str = "") -> IntakeResult:
        batch, result = self.batch, self.result
        for name in BATCH_COUNTERS:
            setattr(batch, name, getattr(result, name))
        if result.unlisted_errors:
            message = (f"{message} 错误较多：已逐条列出前{len(result.errors)}个，另有{result.unlisted_errors}个未逐条列出"
                       "（退回行数已全部计入）。请按已列出的错误修正后重新报送。").strip()
        if result.masked_text_rows:
            message = (f"{message} 有{result.masked_text_rows}行的文字字段（如违法事实、备注）中含身份证号码或手机号码，"
                       "已加密保存，公示和查询时一律掩码，请今后不要在文字字段中填写个人证件号码和手机号码。").strip()
        batch.status, batch.message, batch.finished_at = status, message[:500], timezone.now()
        with transaction.atomic():
            batch.save()
            if status in (Batch.Status.DRY_RUN, Batch.Status.REJECTED):  # otherwise written chunk by chunk
                BatchError.objects.bulk_create([BatchError(batch=batch, **e.as_dict()) for e in result.errors],
                                               batch_size=2000)
            record_write(actor=self.actor, action="collection.batch.submit", target=batch,
                         detail={"item": self.item.code, "status": status, "total": result.total,
                                 "accepted": result.accepted, "rejected": result.rejected, "created": result.created,
                                 "updated": result.updated, "withdrawn": result.withdrawn})
        return result

    def run(self, rows: Callable[[], Iterator[tuple[int, dict]]], chunk_size: int | None = None) -> IntakeResult:
        """Process the rows. ``rows`` returns a fresh iterator of (row number, {field code: value}) each call."""
        chunk_size = chunk_size or CHUNK_SIZE
        if self.atomic and not self.dry_run:
            return self.run_with(lambda: self._run_all_or_nothing(rows, chunk_size))

        def feed():
            for numbered in _chunks(rows(), chunk_size):
                chunk = self.check_rows(numbered)
                with transaction.atomic():
                    self.store(chunk)
                    self.progress()

        return self.run_with(feed)

    def run_with(self, feed: Callable[[], IntakeResult | None]) -> IntakeResult:
        """Run a feeder that checks and stores chunks; close the batch whatever happens."""
        try:
            finished = feed()
            if finished is not None:
                return finished
            if self.dry_run:
                return self.finish(Batch.Status.DRY_RUN, "试校验，未写入任何记录")
            return self.finish(Batch.Status.DONE)
        except DomainError as problem:  # an unusable file found while reading it: say why on the batch too
            self.finish(Batch.Status.FAILED, f"{problem.message}（已入库的记录不会重复）")
            raise
        except Exception:
            self.finish(Batch.Status.FAILED, "处理中断，请重新报送（已入库的记录不会重复）")
            raise

    def progress(self) -> None:
        if not self.dry_run:
            # Every counter, so that a batch killed between chunks still reads created + updated + unchanged =
            # accepted (docs/collection.md): the figures of the chunks committed so far.
            Batch.objects.filter(pk=self.batch.pk).update(
                **{name: getattr(self.result, name) for name in BATCH_COUNTERS})

    def _run_all_or_nothing(self, rows, chunk_size) -> IntakeResult:
        """Check every row first (holding none in memory); write everything in one transaction only if all pass."""
        for numbered in _chunks(rows(), chunk_size):
            self.check_rows(numbered)
        if not self.result.errors:
            self.result, self.seen_keys = IntakeResult(batch=self.batch), {}
            with transaction.atomic():
                for numbered in _chunks(rows(), chunk_size):
                    self.store(self.check_rows(numbered))
                if self.result.errors:  # e.g. withdrawing a record that does not exist
                    transaction.set_rollback(True)
        if self.result.errors:
            result = self.result
            result.accepted = result.created = result.updated = result.unchanged = result.withdrawn = 0
            return self.finish(Batch.Status.REJECTED, f"有{result.rejected}行未通过校验，整批未入库")
        return self.finish(Batch.Status.DONE)


def _chunks(numbered: Iterator[tuple[int, dict]], size: int) -> Iterator[list[tuple[int, dict]]]:
    chunk = []
    for pair in numbered:
        chunk.append(pair)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


