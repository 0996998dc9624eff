"""`generator publish`: each shard syncs its own wards to an S3 API with rclone, the portal job
the portal's folders; a ward gone from the province goes from the bucket, nothing else does.

Against a local S3 server (moto, on 127.0.0.1 and a free port, stopped at the end).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.province import manifest
from generator.province.shards import in_shard

REMOTE = "t:ctct/hai-phong"


def _rclone_or_skip() -> str:
    found = shutil.which("rclone")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "rclone"], capture_output=True, timeout=300
        )
        found = shutil.which("rclone")
    if found is None:
        pytest.skip("rclone is not installed (Debian: apt-get install rclone), and cannot be here")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3():
    """An S3 API on 127.0.0.1, and rclone's remote `t:` for it (in the environment)."""
    rclone = _rclone_or_skip()
    pytest.importorskip("moto.server", reason="moto[server] is in the test extra")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {
        "RCLONE_CONFIG_T_TYPE": "s3",
        "RCLONE_CONFIG_T_PROVIDER": "Other",
        "RCLONE_CONFIG_T_ENDPOINT": f"http://127.0.0.1:{port}",
        "RCLONE_CONFIG_T_ACCESS_KEY_ID": "test",
        "RCLONE_CONFIG_T_SECRET_ACCESS_KEY": "test",
        "RCLONE_CONFIG_T_REGION": "us-east-1",
        "RCLONE_CONFIG_T_FORCE_PATH_STYLE": "true",
    }
    saved = {k: os.environ.get(k) for k in (*env, "AWS_CA_BUNDLE")}
    os.environ.update(env)
    os.environ.pop("AWS_CA_BUNDLE", None)  # rclone 1.60 refuses one with its own transport
    try:
        deadline = time.monotonic() + 30
        while subprocess.run([rclone, "mkdir", "t:ctct"], capture_output=True).returncode:
            assert time.monotonic() < deadline, "the S3 server did not start in 30 s"
            time.sleep(0.3)
        yield rclone
    finally:
        server.terminate()
        server.wait(timeout=10)
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)


def _bucket(rclone: str) -> set[str]:
    done = subprocess.run(
        [rclone, "lsf", "-R", "--files-only", "t:ctct"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def _ids() -> tuple[list[str], list[str]]:
    """Wards of shard 0 of 2 (two of them) and of shard 1 (one)."""
    ids = [f"phuong-{n}" for n in range(40)]
    zero = [w for w in ids if in_shard(w, (0, 2))][:2]
    one = [w for w in ids if in_shard(w, (1, 2))][:1]
    return zero, one


def _province(tmp: Path, wards: list[str]) -> tuple[Path, Path, Path]:
    """A province as `build-all` leaves it: its wards built into `site/`, its state beside."""
    root, site = tmp / "tinh", tmp / "site"
    state = manifest.default_state_dir(site)
    listed = "".join(f"  - id: {w}\n" for w in wards)
    root.mkdir(exist_ok=True)
    (root / "province.yaml").write_text(f"name: Hải Phòng\nwards:\n{listed}", encoding="utf-8")
    state.mkdir(exist_ok=True)
    manifest.mark_state(state)
    for ward in wards:
        (root / "wards" / ward / "content").mkdir(parents=True, exist_ok=True)
        (site / ward / "lich").mkdir(parents=True, exist_ok=True)
        (site / ward / "index.html").write_text(f"<h1>{ward}</h1>", encoding="utf-8")
        (site / ward / "lich" / "tat-ca.ics").write_text("BEGIN:VCALENDAR\n", encoding="utf-8")
        record = manifest.ward_outside(state, ward).record
        manifest.replace_file(state, record.relative_to(state).as_posix(), b"")
    return root, site, state


def _publish(root: Path, site: Path, *more: str) -> int:
    argv = ["publish", "--province", str(root), "--site-dir", str(site), "--remote", REMOTE]
    return main([*argv, *more])


def test_a_shard_publishes_exactly_its_wards_and_removes_a_ward_gone(s3, tmp_path):
    zero, one = _ids()
    root, site, state = _province(tmp_path, zero + one)
    other = tmp_path / "giu.txt"  # the office's own file in the bucket: never removed
    other.write_text("giữ\n", encoding="utf-8")
    subprocess.run([s3, "copyto", "-q", str(other), "t:ctct/hai-phong/khac/giu.txt"], check=True)
    assert _publish(root, site, "--shard", "0/2") == 0
    files = {f"hai-phong/{w}/{f}" for w in zero for f in ("index.html", "lich/tat-ca.ics")}
    assert _bucket(s3) == files | {"hai-phong/khac/giu.txt"}
    # The next day: a page of the first ward is gone, and the second ward left the province.
    _province(tmp_path, [zero[0], *one])
    (site / zero[0] / "lich" / "tat-ca.ics").unlink()
    assert _publish(root, site, "--shard", "0/2") == 0
    assert _bucket(s3) == {f"hai-phong/{zero[0]}/index.html", "hai-phong/khac/giu.txt"}


def test_a_ward_that_failed_is_not_published_and_nothing_else_is_removed(s3, tmp_path, capsys):
    zero, one = _ids()
    root, site, state = _province(tmp_path, zero + one)
    manifest.ward_outside(state, zero[1]).record.unlink()  # its build failed: no record
    before = _bucket(s3)
    assert _publish(root, site, "--shard", "0/2") == 0
    assert f"{zero[1]}: chưa dựng được" in capsys.readouterr().err
    new = {p for p in _bucket(s3) - before}
    assert {p.split("/")[1] for p in new} <= {zero[0]}


def test_the_portal_job_publishes_the_portals_folders_only(s3, tmp_path):
    root, site, state = _province(tmp_path, [])
    for path in ("index.html", "du-lieu/tinh.csv", "assets/portal.css"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(path, encoding="utf-8")
    manifest.write_portal_files(state, {p: "x" for p in ("index.html", "du-lieu/tinh.csv")})
    assert _publish(root, site, "--portal-only") == 0
    bucket = _bucket(s3)
    assert {"hai-phong/index.html", "hai-phong/du-lieu/tinh.csv"} <= bucket
    assert "hai-phong/assets/portal.css" not in bucket  # not a file of the portal's record


@pytest.mark.parametrize("remote", ["", "/tmp/site", "-v", "t:", "t:/", "a b:c"])
def test_a_remote_that_is_none_is_refused_before_rclone_runs(remote, tmp_path, capsys):
    root, site, _ = _province(tmp_path, [])
    argv = ["publish", "--province", str(root), "--site-dir", str(site), f"--remote={remote}"]
    os.environ.pop("CTCT_PUBLISH_REMOTE", None)
    assert main(argv) == 1
    assert "nơi đăng" in capsys.readouterr().err
