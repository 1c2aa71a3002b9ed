"""Writer threads for large imports: while they store chunks, the importing thread checks the next one.

On a 2-core machine this keeps PostgreSQL and Python busy at the same time. The writer has its own database
connection; a failure in it stops the import at the next hand-over, and the batch is marked failed.
"""

import queue
import threading

from django.db import connections


class BackgroundWriter:
    def __init__(self, depth: int = 2, workers: int = 2):
        self.jobs: queue.Queue = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.threads = [threading.Thread(target=self._work, name=f"intake-writer-{n}", daemon=True)
                        for n in range(workers)]
        for thread in self.threads:
            thread.start()

    def _work(self) -> None:
        try:
            while True:
                job = self.jobs.get()
                if job is None:
                    return
                if self.error is None:
                    try:
                        job()
                    except BaseException as exc:  # reported to the importing thread
                        self.error = exc
        finally:
            connections.close_all()

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise RuntimeError(f"写入数据库失败：{self.error}") from self.error

    def submit(self, job) -> None:
        self.raise_if_failed()
        self.jobs.put(job)

    def _stop(self) -> None:
        for _ in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join()

    def close(self) -> None:
        """Wait for every submitted chunk to be stored; raise if one failed."""
        self._stop()
        self.raise_if_failed()

    def abort(self) -> None:
        """Stop after the chunks already handed over (used when the import itself fails)."""
        self._stop()
