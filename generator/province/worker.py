"""One ward, built in a process of its own: load and check, then `generator build`, digest.

Each ward runs in a forked child (the parent has imported mkdocs, Material and the generator
once, so no child pays for it), with its own public address in `SITE_URL`, as a ward built
alone would. Its messages go to a file of the parent's, so that they are reported under the
ward's name, even when the child dies. A child that fails or dies fails only its ward:
`generator build` keeps that ward's last good site. A child still building after the time
limit (`build-all --ward-timeout`) is killed, and its ward fails alike. The children stay in
the parent's process group, so that Ctrl-C or a cancelled CI job stops them with it.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.engine.mkdocs_build import build_site
from generator.engine.sitedir import Outside, restore
from generator.load.content import check_content
from generator.output import SiteInfo
from generator.province.digest import ward_digest


@dataclass(frozen=True)
class WardJob:
    ward_id: str
    content: Path
    site_dir: Path
    """The ward's own folder, `<site>/<ward-id>`."""
    config: Path
    url: str
    """The ward site's public address, ending with '/'."""
    as_of: dt.date
    outside: Outside | None = None
    """Where its staging, lock and mark go, out of the published folder (`sitedir.Outside`)."""
    content_in_repo: str | None = None
    """Its content folder in its git repository: the only folder its editor (/admin/) writes."""
    shared_bundle: bool = False
    """Its editor loads Decap from the portal's one copy (`<portal>/admin-bundle/`)."""


@dataclass(frozen=True)
class WardResult:
    ward_id: str
    ok: bool
    messages: str
    """What the build said (errors, warnings), one problem a line."""
    digest: dict | None
    """The ward's digest (`digest.WardDigest.to_json`) when it was built."""
    seconds: float


def build_ward(job: WardJob) -> WardResult:
    """Check the ward's content, then build its site; runs in the child."""
    start = time.perf_counter()
    os.environ["SITE_URL"] = job.url
    content, problems = check_content(job.content, job.as_of)
    for problem in problems:
        print(problem, file=sys.stderr)
    if content is not None and content.ward.id != job.ward_id:
        print(
            f"{job.ward_id}/ward.yaml: id: mã phường '{content.ward.id}' khác mã "
            f"'{job.ward_id}' trong province.yaml; hai mã phải giống nhau",
            file=sys.stderr,
        )
        content = None
    if content is None:
        return WardResult(job.ward_id, False, "", None, time.perf_counter() - start)
    if (
        build_site(
            job.config,
            job.content,
            job.site_dir,
            outside=job.outside,
            content_in_repo=job.content_in_repo,
            shared_bundle=job.shared_bundle,
        )
        != 0
    ):
        return WardResult(job.ward_id, False, "", None, time.perf_counter() - start)
    digest = ward_digest(content, job.ward_id, SiteInfo(job.url, job.as_of)).to_json()
    return WardResult(job.ward_id, True, "", digest, time.perf_counter() - start)


def run_jobs(
    jobs: list[WardJob], workers: int, timeout: float | None = None
) -> Iterator[WardResult]:
    """Build the wards in at most `workers` children at once, each result as it comes; a
    ward still building `timeout` seconds after it started fails."""
    context = multiprocessing.get_context("fork")
    pending = list(jobs)
    running: dict[object, tuple[multiprocessing.Process, WardJob, object, float]] = {}
    while pending or running:
        while pending and len(running) < workers:
            job = pending.pop(0)
            log = tempfile.TemporaryFile()  # noqa: SIM115 - closed when its ward is done
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(job, send, log.fileno()), daemon=True)
            child.start()
            send.close()
            running[receive] = (child, job, log, time.monotonic())
        wait = None
        if timeout is not None:
            first = min(started for *_, started in running.values())
            wait = max(0.0, first + timeout - time.monotonic())
        for receive in multiprocessing.connection.wait(list(running), wait):
            child, job, log, _ = running.pop(receive)
            try:
                result = receive.recv()
            except (EOFError, OSError):
                result = None
            receive.close()
            child.join()
            yield _with_messages(result or _died(job, child.exitcode), log)
        for receive in [r for r, run in running.items() if _late(run[3], timeout)]:
            child, job, log, _ = running.pop(receive)
            receive.close()
            yield _with_messages(_stopped(child, job, timeout), log)


def _late(started: float, timeout: float | None) -> bool:
    return timeout is not None and time.monotonic() - started >= timeout


def _stopped(child: multiprocessing.Process, job: WardJob, timeout: float) -> WardResult:
    """Kill a ward's build that took too long, and whatever it started; put its last good
    site back if it was killed between the swap's two renames."""
    child.kill()
    child.join()
    restore(job.site_dir, job.outside)
    said = (
        f"quá {timeout:g} giây mà chưa dựng xong nên đã dừng (--ward-timeout); lịch sử git quá "
        "dài hoặc máy quá tải"
    )
    return WardResult(job.ward_id, False, said, None, timeout)


def _child(job: WardJob, send, log_fd: int) -> None:
    sys.stderr.flush()
    os.dup2(log_fd, 2)
    try:
        result = build_ward(job)
    finally:
        sys.stderr.flush()
    send.send(result)
    send.close()


def _died(job: WardJob, exitcode: int | None) -> WardResult:
    said = f"quá trình dựng phường dừng bất thường (mã thoát {exitcode})"
    return WardResult(job.ward_id, False, said, None, 0.0)


def _with_messages(result: WardResult, log) -> WardResult:
    log.seek(0)
    said = log.read().decode("utf-8", "replace").strip()
    log.close()
    messages = "\n".join(m for m in (said, result.messages) if m)
    return WardResult(result.ward_id, result.ok, messages, result.digest, result.seconds)
