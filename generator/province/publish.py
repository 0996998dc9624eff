"""`python -m generator publish`: a province's built site straight to object storage, with
`rclone sync`, as each CI job has it: a shard its own wards, the portal job the portal.

    <remote>/<ward-id>/     each ward: `rclone sync <site>/<id> <remote>/<id>`
    <remote>/index.html …   the portal's own files and folders (`manifest.read_portal_files`)

A shard syncs only the wards it built (a ward that failed keeps its last good site there and
in the bucket), and removes from the bucket only a ward it synced itself before (the state's
`published.json`, for that remote) that is no longer in the province: nothing is deleted that
a build did not write. The portal job needs only the wards' digests, never their sites. The
remote is a declared setting (a CI variable); the credentials are rclone's own environment
(`RCLONE_S3_ACCESS_KEY_ID`…, from the CI's secrets), never read here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from generator.province import manifest
from generator.province.provincefile import Province
from generator.province.shards import in_shard

REMOTE_ENV = "CTCT_PUBLISH_REMOTE"
"""The CI variable naming where the province is published, e.g.
`:s3,provider=Other,endpoint=https://s3.example.vn:ctct/hai-phong`."""
_REMOTE = re.compile(r"[^\s-][^\s]{0,499}\Z")


class PublishError(Exception):
    """What stops publishing, in one Vietnamese line."""


def check_remote(remote: str) -> str:
    """`remote` as rclone's destination: `<remote>:<bucket>[/<prefix>]`, never a local folder
    (which `sync` would empty) nor a remote's root (which holds other things)."""
    if not _REMOTE.match(remote) or ":" not in remote:
        raise PublishError(
            f"nơi đăng '{remote[:80]}' (--remote hoặc biến {REMOTE_ENV}) phải là một remote "
            "của rclone, ví dụ ':s3,provider=Other,endpoint=https://s3.example.vn:ctct/tinh'"
        )
    if not remote.rpartition(":")[2].strip("/"):
        raise PublishError(
            f"nơi đăng '{remote[:80]}' phải nêu bucket (và thư mục), không chỉ remote"
        )
    return remote.rstrip("/")


def publish_wards(
    province: Province, site: Path, state: Path, remote: str, shard: tuple[int, int] | None
) -> list[str]:
    """Sync the shard's built wards; remove the wards it synced before and the province no
    longer has. Returns what was done, a line each."""
    present = {w.id for w in province.wards if in_shard(w.id, shard)}
    before = manifest.read_published(state, remote)
    done, synced = [], set()
    for ward_id in sorted(present):
        folder = site / ward_id
        built = manifest.ward_outside(state, ward_id).record.is_file()
        if not built or folder.is_symlink() or not folder.is_dir():
            done.append(f"{ward_id}: chưa dựng được, không đăng")
            continue
        _rclone("sync", "--checksum", str(folder), f"{remote}/{ward_id}")
        synced.add(ward_id)
        done.append(f"{ward_id}: đã đăng")
    gone = {w for w in before - present if in_shard(w, shard)}
    for ward_id in sorted(gone):
        _rclone("purge", f"{remote}/{ward_id}")
        done.append(f"{ward_id}: không còn trong tỉnh, đã gỡ")
    manifest.write_published(state, remote, (before - gone) | synced)
    return done


def publish_portal(site: Path, state: Path, remote: str) -> list[str]:
    """Sync the portal's own folders and copy its files at the top, as its last build wrote
    them; never the wards' folders."""
    files = manifest.read_portal_files(state)
    if not files:
        raise PublishError(f"{state}: chưa có cổng tỉnh đã dựng (build-all --portal-only trước)")
    tops = sorted({path.partition("/")[0] for path in files})
    for top in tops:
        local = site / top
        if local.is_symlink():
            raise PublishError(f"{local}: là liên kết (symlink); không đăng qua liên kết")
        verb = "sync" if local.is_dir() else "copyto"
        _rclone(verb, "--checksum", str(local), f"{remote}/{top}")
    return [f"cổng tỉnh: đã đăng {len(tops)} mục ({', '.join(tops)})"]


def _rclone(*args: str) -> None:
    program = shutil.which("rclone")
    if program is None:
        raise PublishError("không tìm thấy rclone: cài bằng 'apt-get install rclone'")
    done = subprocess.run([program, *args], capture_output=True, timeout=3600)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PublishError(f"rclone {args[0]} {args[-1]}: {said[-1][:300] if said else 'lỗi'}")
