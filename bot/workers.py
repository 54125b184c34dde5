"""The process pool that runs NLP and extraction, so the event loop never waits on the CPU.

spaCy is loaded once per worker process (in the initializer). A job that crashes its worker or
runs past the time limit fails alone with ``AnalysisFailedError``: the pool is replaced, and the
other jobs that were in flight on the old pool are retried once on the new one. A bounded number
of jobs may wait; past that, ``BusyError`` tells the user to come back in a minute.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from bot.errors import AnalysisFailedError, BusyError
from bot.logs import LogSetup
from bot.logs import configure as configure_logs
from bot.logs import current as current_logs

log = logging.getLogger(__name__)

T = TypeVar("T")


def _warm_worker(model: str, log_setup: LogSetup) -> None:
    """Worker initializer: ignore Ctrl-C (the parent handles it), log as the parent does, and
    load what jobs need once.

    An empty ``model`` skips the load, for pools that run no NLP.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure_logs(log_setup)
    if model:
        from bot.jobs import prepare_worker

        prepare_worker(model)


class WorkerPool:
    """A supervised pool of worker processes with a bounded queue and a per-job time limit.

    ``workers=0`` runs jobs in one background thread of this process instead, for tests: a
    thread cannot be killed, so there the time limit only stops the waiting, not the work.
    """

    def __init__(
        self, workers: int, queue_limit: int, timeout: float, model: str = "en_core_web_sm"
    ) -> None:
        self.workers = workers
        self.queue_limit = queue_limit
        self.timeout = timeout
        self.model = model
        self._executor: Executor | None = None
        self._generation = 0
        self._pending = 0
        self._isolation = asyncio.Lock()
        self._slots = asyncio.Semaphore(max(1, workers))

    @property
    def pending(self) -> int:
        """Jobs running or waiting right now."""
        return self._pending

    def start(self) -> None:
        """Create the pool; worker processes start (and load spaCy) on first use."""
        if self._executor is None:
            self._executor = self._new_executor()

    def _new_executor(self, workers: int | None = None) -> Executor:
        if self.workers <= 0:
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefbot-nlp")
        return ProcessPoolExecutor(
            max_workers=workers or self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm_worker,
            initargs=(self.model, current_logs()),
        )

    async def run(self, job: Callable[..., T], *args: Any) -> T:
        """Run ``job(*args)`` in a worker and return its result (or re-raise its error)."""
        if self._pending >= self.queue_limit:
            raise BusyError("Briefbot is busy right now; please try again in a minute.")
        self._pending += 1
        try:
            # Only as many jobs as there are workers are handed to the pool, so the time limit
            # runs from when a job starts, not from when it joined the queue: a long queue never
            # makes a healthy job "too slow", and a timeout never kills a job that was waiting.
            async with self._slots:
                self.start()
                generation = self._generation
                assert self._executor is not None
                try:
                    return await self._run_on(self._executor, job, args, generation)
                except BrokenProcessPool:
                    self._replace(generation, reason="a worker process died")
            # Every job in flight on a broken pool lands here, and only one of them killed it:
            # each is retried alone in a fresh process, so the culprit fails by itself.
            async with self._isolation:
                isolated = self._new_executor(workers=1)
                try:
                    return await self._run_on(isolated, job, args, None)
                except BrokenProcessPool:
                    raise AnalysisFailedError(
                        "The analysis crashed on this input; the bot is fine, please try another."
                    ) from None
                finally:
                    _terminate(isolated)
        finally:
            self._pending -= 1

    async def _run_on(
        self,
        executor: Executor,
        job: Callable[..., T],
        args: tuple[Any, ...],
        generation: int | None,
    ) -> T:
        """Run one job on ``executor`` within the time limit; a hung job takes its pool down."""
        # A fresh process pool spawns its processes inside submit(), which takes about a second:
        # submitting from a thread keeps that off the event loop, on start and after a crash.
        try:
            submitted = await asyncio.to_thread(executor.submit, job, *args)
        except RuntimeError as error:  # the pool was shut down while this job was on its way
            raise BrokenProcessPool(str(error)) from error
        future = asyncio.wrap_future(submitted)
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            if generation is None:
                _terminate(executor)
            else:
                self._replace(generation, reason=f"a job ran past {self.timeout:.0f} s")
            raise AnalysisFailedError(
                "The analysis took too long on this input and was stopped."
            ) from None

    def _replace(self, generation: int, reason: str) -> None:
        """Kill the current pool (once per generation) and start a fresh one."""
        if generation != self._generation or self._executor is None:
            return
        log.warning("replacing the worker pool: %s", reason)
        old = self._executor
        self._generation += 1
        self._executor = self._new_executor()
        _terminate(old)

    async def close(self) -> None:
        """Stop the workers; jobs still running are cancelled."""
        if self._executor is not None:
            executor, self._executor = self._executor, None
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)


def _terminate(executor: Executor) -> None:
    """Stop an executor at once, killing its processes (a hung worker ignores shutdown)."""
    processes = (
        list(getattr(executor, "_processes", {}).values())
        if isinstance(executor, ProcessPoolExecutor)
        else []
    )
    for process in processes:
        if process.is_alive():
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
