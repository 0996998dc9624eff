"""A small province for the tests: real or fixture content copied into `wards/<id>/content/`,
each ward renamed, in a git repository of its own, built by `python -m generator build-all`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, run_git
from .helpers import replaced

PROVINCE_EPOCH = "1795478400"
"""2026-11-24 in Vietnam: the real programme has reports due and overdue by then."""


def rename_ward(content: Path, ward_id: str, name: str, code: str = "") -> None:
    ward = content / "ward.yaml"
    text = ward.read_text(encoding="utf-8")
    old = re.search(r"^name: (.+)$", text, re.M)[1]
    text = replaced(re.sub(r"^id: .+$", f"id: {ward_id}", text, flags=re.M), old, name, None)
    ward.write_text(text + (f"code: '{code}'\n" if code else ""), encoding="utf-8")
    for programme in (content / "programmes").glob("*.yaml"):  # its issuer names the ward too
        body = programme.read_text(encoding="utf-8")
        programme.write_text(replaced(body, old, name, None), encoding="utf-8")


def make_province(root: Path, wards: dict[str, tuple[str, Path, str]]) -> Path:
    """`wards`: id → (name, content to copy, administrative code or '')."""
    for ward_id, (name, source, code) in wards.items():
        target = root / "wards" / ward_id / "content"
        shutil.copytree(source, target)
        rename_ward(target, ward_id, name, code)
    (root / "province.yaml").write_text("name: Hải Phòng\n", encoding="utf-8")
    run_git(root, "init", "-q")
    run_git(root, "add", "-A")
    run_git(root, "commit", "-qm", "Các phường")
    return root


def state_of(site: Path) -> Path:
    """Where `build-all` keeps its state by default: beside the site, never in it."""
    return site.with_name(site.name + ".state")


def build_all(province: Path, site: Path, *more: str) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "generator", "build-all", "--province", str(province)]
    argv += ["--site-dir", str(site), "--base-url", "https://tinh.example.org/", "-j", "2", *more]
    env = {"SOURCE_DATE_EPOCH": PROVINCE_EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(site.parent)}
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def with_next_year(source: Path, target: Path) -> Path:
    """A copy of `source` that has also imported next year's programme, as a ward does in
    December: its newest programme a year on, one task on site clearance (GPMB), no report."""
    shutil.copytree(source, target)
    newest = max((target / "programmes").glob("*.yaml"))
    year = int(newest.stem)
    text = newest.read_text(encoding="utf-8").replace(str(year), str(year + 1))
    text = replaced(text, "Kiểm tra an toàn thực phẩm", "Giải phóng mặt bằng đường ven sông", 1)
    (target / "programmes" / f"{year + 1}.yaml").write_text(text, encoding="utf-8")
    return target


def national_digests(wards: int = 3321, provinces: int = 34) -> list:
    """Synthetic digests of a country's wards, spread over `provinces`: one real ward's digest
    (the mini fixture's) under each ward's own id, name, province and address."""
    import dataclasses
    import datetime as dt

    from generator.load.content import load_content
    from generator.output import SiteInfo
    from generator.province.digest import ward_digest

    from .conftest import MINI

    as_of = dt.date(2026, 11, 24)
    one = ward_digest(
        load_content(MINI, as_of=as_of), "mau", SiteInfo("https://ctct.example.org/mau/", as_of)
    )
    return [
        dataclasses.replace(
            one,
            id=f"phuong-{n:04d}",
            name=f"Thử {n:04d}",
            city=f"Tỉnh thử {n % provinces + 1:02d}",
            url=f"https://ctct.example.org/phuong-{n:04d}/",
        )
        for n in range(wards)
    ]
