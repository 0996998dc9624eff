"""Command line: `python -m generator check|report|import|export|build|serve|edit|verify|new|
new-province|migrate|build-all|check-scope|publish`."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

from generator.common.dates import EpochError, build_today
from generator.common.errors import Problem, Severity
from generator.contentformat.vocabulary import MARKUP_CHARACTERS
from generator.domain.model import Status
from generator.load.content import check_content

DEFAULT_CONTENT = Path("content")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Chương trình công tác: kiểm tra, nhập, xuất, dựng trang",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="kiểm tra dữ liệu, báo mọi lỗi cùng lúc")
    check.add_argument("--content", type=Path, default=DEFAULT_CONTENT)
    check.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=None,
        help="ngày dùng để kiểm tra tiến độ (mặc định: hôm nay), YYYY-MM-DD",
    )
    imp = commands.add_parser(
        "import", help="nhập văn bản chương trình: Word .docx, PDF (cả bản quét) hoặc .txt"
    )
    imp.add_argument(
        "source", type=Path, help="văn bản gốc: .docx (Word), .pdf (cả bản quét) hoặc .txt (UTF-8)"
    )
    imp.add_argument("--out", type=Path, required=True)
    imp.add_argument("--units", type=Path, default=None, help="units.yaml có sẵn để dùng lại mã")
    imp.add_argument(
        "--year", type=int, default=None, help="năm của chương trình (nếu văn bản thiếu)"
    )
    imp.add_argument("--ward", default=None, help="tên phường, xã (nếu văn bản thiếu)")
    imp.add_argument("--city", default=None, help="tỉnh, thành phố (nếu văn bản thiếu)")
    imp.add_argument("--source-document", default=None, help="văn bản gốc ở đâu (đường dẫn, URL)")
    imp.add_argument("--force", action="store_true", help="ghi đè chương trình đã có trong --out")
    rep = commands.add_parser("report", help="ghi một báo cáo tiến độ cho một nhiệm vụ")
    rep.add_argument("task", help="mã nhiệm vụ, ví dụ 2026-01-01")
    rep.add_argument("--status", required=True, choices=[s.value for s in Status])
    rep.add_argument("--done-on", default="", help="ngày hoàn thành, ngày/tháng/năm")
    rep.add_argument("--document", default="", help="văn bản kết quả (số, ngày)")
    rep.add_argument("--link", default="", help="đường dẫn https tới văn bản")
    rep.add_argument("--note", default="", help="ghi chú")
    rep.add_argument("--by", default="", help="người hoặc đơn vị báo cáo")
    rep.add_argument("--content", type=Path, default=DEFAULT_CONTENT)
    export = commands.add_parser("export", help="in chương trình dạng JSON")
    export.add_argument("--content", type=Path, default=DEFAULT_CONTENT)
    build = commands.add_parser("build", help="dựng trang web vào site/")
    build.add_argument("--content", type=Path, default=None)
    build.add_argument("--site-dir", type=Path, default=None)
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    serve = commands.add_parser("serve", help="xem trước trang trên máy này, tự dựng lại khi sửa")
    serve.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng xem trước")
    commands.add_parser(
        "edit", help="trang quản trị trên máy này, ghi vào content/, kèm bản xem trước"
    )
    verify = commands.add_parser(
        "verify",
        help="kiểm tra trang đã dựng: trang, liên kết, lịch, dữ liệu mở, tệp không được đăng",
    )
    verify.add_argument("--site-dir", type=Path, default=Path("site"))
    verify.add_argument(
        "--content",
        type=Path,
        default=None,
        help="thư mục dữ liệu, để chắc không tệp nào của nó được đăng (mặc định: content/ nếu có)",
    )
    new = commands.add_parser(
        "new", help="tạo kho mã trang web mới cho phường, xã mà văn bản chương trình nêu tên"
    )
    new.add_argument("source", type=Path, help="văn bản chương trình: .docx, .pdf hoặc .txt")
    new.add_argument("--out", type=Path, default=None, help="thư mục mới (chưa có, hoặc trống)")
    new.add_argument(
        "--province",
        type=Path,
        default=None,
        help="thay cho --out: thêm phường vào thư mục tỉnh này (wards/<mã>/content/), commit",
    )
    new.add_argument("--id", default=None, help="với --province: mã phường (mặc định theo tên)")
    new.add_argument("--city", default=None, help="tỉnh, thành phố (nếu văn bản thiếu)")
    new.add_argument("--ward", default=None, help="tên phường, xã (nếu văn bản thiếu)")
    new.add_argument("--year", type=int, default=None, help="năm (nếu văn bản thiếu)")
    new.add_argument(
        "--office",
        action="append",
        default=[],
        help="tài khoản hoặc nhóm của Văn phòng duyệt mọi thay đổi (CODEOWNERS), ví dụ @van-phong; "
        "với --province: văn phòng của phường, duyệt thư mục của phường",
    )
    prov = commands.add_parser(
        "new-province", help="tạo kho mã của một tỉnh: province.yaml, wards/, CI dựng mọi phường"
    )
    prov.add_argument("out", type=Path, help="thư mục mới (chưa có, hoặc trống)")
    prov.add_argument("--name", required=True, help="tên tỉnh, thành phố, ví dụ 'Hải Phòng'")
    prov.add_argument(
        "--office",
        action="append",
        default=[],
        help="tài khoản hoặc nhóm của văn phòng tỉnh, duyệt mọi thay đổi (CODEOWNERS)",
    )
    slim = commands.add_parser(
        "migrate",
        help="biến bản sao đầy đủ của công cụ (new trước 0.2.0) thành kho mỏng, trong một commit",
    )
    slim.add_argument("--repo", type=Path, default=Path("."), help="kho của phường, xã")
    slim.add_argument("--office", action="append", default=[], help="như lệnh new (CODEOWNERS)")
    every = commands.add_parser(
        "build-all", help="dựng mọi phường của một tỉnh vào site/<mã>/ và cổng tỉnh vào site/"
    )
    every.add_argument("--province", type=Path, default=Path("."), help="thư mục có province.yaml")
    every.add_argument("--site-dir", type=Path, default=Path("site"))
    every.add_argument(
        "--state-dir",
        type=Path,
        default=None,
        help="trạng thái giữ cho lần dựng sau, không đăng (mặc định: <site-dir>.state, bên cạnh)",
    )
    every.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    every.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="số tiến trình dựng song song"
    )
    every.add_argument(
        "--base-url",
        default=None,
        help="địa chỉ công khai của cổng tỉnh (mặc định: SITE_URL); phường ở <địa chỉ><mã>/",
    )
    every.add_argument(
        "--ward-timeout",
        type=float,
        default=None,
        help="số giây tối đa cho một phường; quá thì phường đó lỗi, giữ trang cũ (mặc định 600)",
    )
    every.add_argument("--shard", default=None, help="K/N: chỉ dựng phần K trong N phần (CI)")
    every.add_argument(
        "--portal-only", action="store_true", help="chỉ dựng cổng tỉnh từ các phường đã dựng"
    )
    pub = commands.add_parser(
        "publish", help="đăng trang đã dựng của tỉnh lên kho lưu trữ (S3…) bằng rclone sync"
    )
    pub.add_argument("--province", type=Path, default=Path("."), help="thư mục có province.yaml")
    pub.add_argument("--site-dir", type=Path, default=Path("site"))
    pub.add_argument("--state-dir", type=Path, default=None, help="như build-all")
    pub.add_argument("--remote", default=None, help="nơi đăng (mặc định: CTCT_PUBLISH_REMOTE)")
    part = pub.add_mutually_exclusive_group()
    part.add_argument("--shard", default=None, help="K/N: chỉ các phường của phần K")
    part.add_argument("--portal-only", action="store_true", help="chỉ cổng tỉnh")
    scope = commands.add_parser(
        "check-scope",
        help="đề xuất sửa kho tỉnh có đúng phạm vi: trang quản trị một phường chỉ sửa thư mục "
        "của phường đó",
    )
    scope.add_argument("--province", type=Path, default=Path("."), help="kho của tỉnh")
    scope.add_argument("--base", required=True, help="phiên bản gốc (nhánh main của đề xuất)")
    scope.add_argument("--head", default="HEAD", help="phiên bản của đề xuất (mặc định HEAD)")
    scope.add_argument(
        "--branch", default="", help="tên nhánh của đề xuất (cms/… : trang quản trị)"
    )
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)


def report(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} lỗi, {warnings} cảnh báo.", file=sys.stderr)
    return 1 if errors else 0


def run_check(args: argparse.Namespace) -> int:
    try:
        as_of = args.as_of or build_today()
    except EpochError as exc:
        print(exc, file=sys.stderr)
        return 1
    _, problems = check_content(args.content, as_of)
    return report(problems)


def run_report(args: argparse.Namespace) -> int:
    from generator.reporting.report import write_report

    try:
        today = build_today()
    except EpochError as exc:
        print(exc, file=sys.stderr)
        return 1
    fields = {
        "status": args.status,
        "done_on": args.done_on,
        "document": args.document,
        "link": args.link,
        "note": args.note,
        "reported_by": args.by,
    }
    path, problems = write_report(args.content, args.task, today, fields)
    code = report(problems)
    if path is not None:
        print(f"Đã ghi báo cáo vào {path}", file=sys.stderr)
    return code


def run_export(args: argparse.Namespace) -> int:
    from generator.opendata.export import to_json

    content, problems = check_content(args.content)
    if content is None:
        return report(problems)
    sys.stdout.write(to_json(content))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from generator.importer.run import run_import as import_document

    if not args.source.is_file():
        print(f"{args.source}: không tìm thấy tệp văn bản", file=sys.stderr)
        return 1
    if _bad_names(args):
        return 1
    problems = import_document(
        args.source,
        args.out,
        units_file=args.units,
        year=args.year,
        ward_name=args.ward,
        city=args.city,
        source_document=args.source_document,
        force=args.force,
    )
    return report(problems)


def run_new(args: argparse.Namespace) -> int:
    from generator.siterepo.new import new_site

    if not args.source.is_file():
        print(f"{args.source}: không tìm thấy tệp văn bản", file=sys.stderr)
        return 1
    if (args.out is None) == (args.province is None):
        print("new: cần đúng một trong hai: --out (kho mới) hoặc --province (thêm vào tỉnh)",
              file=sys.stderr)  # fmt: skip
        return 1
    if _bad_office(args.office) or _bad_names(args):
        return 1
    if args.province is not None:
        return _new_in_province(args)
    problems = new_site(
        args.source,
        args.out,
        city=args.city,
        ward_name=args.ward,
        year=args.year,
        owners=tuple(args.office),
    )
    code = report(problems)
    if code == 0:
        print(
            f"Đã tạo kho mã tại {args.out}. Tiếp theo: cd {args.out} && bash .ci/run",
            file=sys.stderr,
        )
    return code


def _bad_office(handles: list[str]) -> bool:
    """A handle that is none (`--office`), said in one line."""
    from generator.siterepo.layout import OWNER

    if bad := [o for o in handles if not OWNER.match(o)]:
        print(
            f"--office {bad[0]!r}: phải là tài khoản hoặc nhóm, ví dụ @van-phong", file=sys.stderr
        )
        return True
    return False


def _new_in_province(args: argparse.Namespace) -> int:
    from generator.siterepo.new import new_ward_in_province

    ward_id, problems = new_ward_in_province(
        args.source,
        args.province,
        args.id,
        city=args.city,
        ward_name=args.ward,
        year=args.year,
        office=" ".join(args.office),
    )
    code = report(problems)
    if code == 0:
        print(f"Đã thêm phường {ward_id} vào {args.province}/wards/{ward_id}/", file=sys.stderr)
    return code


_NAME = re.compile(f"[^{re.escape(MARKUP_CHARACTERS)}\\x00-\\x1f\\x7f]{{1,100}}")
"""A name given on the command line (a province's, a ward's) as the content takes it: one line,
no markup characters, at most 100 characters."""
_NAME_RULE = f"một dòng, không quá 100 ký tự, không có ký tự {' '.join(MARKUP_CHARACTERS)}"


def _bad_names(args: argparse.Namespace) -> bool:
    """A `--ward` or `--city` the content would refuse, said of the option (the ward.yaml that
    would hold it is not written yet)."""
    for option, name, what in (
        ("--ward", args.ward, "tên phường, xã"),
        ("--city", args.city, "tỉnh, thành phố"),
    ):
        if name is not None and not _NAME.fullmatch(name.strip()):
            print(f"{option} {name[:60]!r}: {what}, {_NAME_RULE}", file=sys.stderr)
            return True
    return False


def run_new_province(args: argparse.Namespace) -> int:
    from generator.siterepo.new import new_province

    if not _NAME.fullmatch(args.name.strip()):
        print(f"--name {args.name[:60]!r}: tên tỉnh, thành phố, {_NAME_RULE}", file=sys.stderr)
        return 1
    if _bad_office(args.office):
        return 1
    code = report(new_province(args.out, args.name.strip(), " ".join(args.office)))
    if code == 0:
        print(f"Đã tạo kho của tỉnh tại {args.out}. Thêm phường: python -m generator new "
              f"VĂN-BẢN --province {args.out} --office @tai-khoan", file=sys.stderr)  # fmt: skip
    return code


def run_migrate(args: argparse.Namespace) -> int:
    from generator.siterepo.migrate import migrate

    if _bad_office(args.office):
        return 1
    code = report(migrate(args.repo, tuple(args.office)))
    if code == 0:
        print(
            f"Đã chuyển {args.repo} sang kho mỏng (một commit). Kiểm tra: bash .ci/run",
            file=sys.stderr,
        )
    return code


def run_build(args: argparse.Namespace) -> int:
    from generator.engine.mkdocs_build import build_site

    if _no_public_address(os.environ.get("SITE_URL")):
        return 1
    return build_site(args.config, content_dir=args.content, site_dir=args.site_dir)


def run_serve(args: argparse.Namespace) -> int:
    from generator.engine.mkdocs_build import serve_site

    return serve_site(args.config, args.dev_addr)


def run_edit(args: argparse.Namespace) -> int:
    from generator.engine.edit import main as edit

    return edit()


def run_verify(args: argparse.Namespace) -> int:
    from generator.verify.run import SiteMissing, verify_site

    content = args.content
    if content is None and DEFAULT_CONTENT.is_dir():
        content = DEFAULT_CONTENT
    elif content is not None and not content.is_dir():
        print(f"{content}: không có thư mục dữ liệu", file=sys.stderr)
        return 1
    try:
        result = verify_site(args.site_dir, content)
    except SiteMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    for finding in result.findings:
        print(finding, file=sys.stderr)
    if result.site_url is None:
        print("Lưu ý: không trang nào nêu địa chỉ của trang (canonical, từ SITE_URL); "
              "chỉ kiểm tra được liên kết tương đối.", file=sys.stderr)  # fmt: skip
    print(
        f"{len(result.findings)} lỗi trong {result.files} tệp của {args.site_dir}.", file=sys.stderr
    )
    return 1 if result.findings else 0


NO_SITE_URL = (
    "Chưa đặt SITE_URL (địa chỉ công khai của trang): lịch, nguồn tin và mã QR sẽ trỏ tới "
    "địa chỉ mặc định 127.0.0.1."
)


def _no_public_address(address: str | None) -> bool:
    """Without a public address a CI build (for publication) stops; a local one is warned."""
    if address:
        return False
    if os.environ.get("CI") == "true":
        print(NO_SITE_URL + " Bản dựng trên CI để đăng công khai phải đặt nó.", file=sys.stderr)
        return True
    print("CẢNH BÁO: " + NO_SITE_URL + " Chỉ dùng để xem trên máy này.", file=sys.stderr)
    return False


def run_build_all(args: argparse.Namespace) -> int:
    from generator.province.build_all import Options, build_all
    from generator.province.shards import ShardError, parse_shard

    try:
        shard = parse_shard(args.shard) if args.shard else None
    except ShardError as exc:
        print(exc, file=sys.stderr)
        return 1
    base_url = args.base_url or os.environ.get("SITE_URL")
    if _no_public_address(base_url):
        return 1
    base_url = base_url or "http://127.0.0.1:8000/"
    if args.ward_timeout is not None and not 0 < args.ward_timeout < 86400:
        print(
            f"--ward-timeout {args.ward_timeout:g}: phải là số giây, lớn hơn 0, dưới 86400",
            file=sys.stderr,
        )
        return 1
    options = Options(args.province, args.site_dir, args.config, args.jobs, base_url)
    if args.ward_timeout is not None:
        options = dataclasses.replace(options, ward_timeout=args.ward_timeout)
    return build_all(
        dataclasses.replace(
            options, shard=shard, portal_only=args.portal_only, state_dir=args.state_dir
        )
    )


def run_publish(args: argparse.Namespace) -> int:
    from generator.province import manifest
    from generator.province.provincefile import read_province
    from generator.province.publish import (
        REMOTE_ENV,
        PublishError,
        check_remote,
        publish_portal,
        publish_wards,
    )
    from generator.province.shards import ShardError, parse_shard

    site = args.site_dir.resolve()
    state = (args.state_dir or manifest.default_state_dir(site)).resolve()
    try:
        shard = parse_shard(args.shard) if args.shard else None
        remote = check_remote(args.remote or os.environ.get(REMOTE_ENV, ""))
        if not manifest.is_state(state):
            raise PublishError(f"{state}: không phải thư mục trạng thái của build-all; dựng trước")
        done = []
        if not args.portal_only:
            province, problems = read_province(args.province)
            for problem in problems:
                print(problem, file=sys.stderr)
            if province is None:
                return 1
            done += publish_wards(province, site, state, remote, shard)
        if shard is None:
            done += publish_portal(site, state, remote)
    except (ShardError, PublishError) as exc:
        print(f"publish: {exc}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired:
        print("publish: rclone quá một giờ; dừng", file=sys.stderr)
        return 1
    for line in done:
        print(line, file=sys.stderr)
    return 0


def run_check_scope(args: argparse.Namespace) -> int:
    from generator.province.scope import ScopeError, changed, out_of_scope

    try:
        paths = changed(args.province, args.base, args.head)
    except (ScopeError, OSError) as exc:
        print(f"check-scope: {exc}", file=sys.stderr)
        return 1
    verdict, refused = out_of_scope(paths, args.branch)
    for line in refused:
        print(line, file=sys.stderr)
    print(verdict + (f" {len(refused)} tệp ngoài phạm vi." if refused else ""), file=sys.stderr)
    return 1 if refused else 0


COMMANDS = {
    "check": run_check,
    "report": run_report,
    "export": run_export,
    "import": run_import,
    "build": run_build,
    "serve": run_serve,
    "edit": run_edit,
    "verify": run_verify,
    "new": run_new,
    "new-province": run_new_province,
    "migrate": run_migrate,
    "build-all": run_build_all,
    "check-scope": run_check_scope,
    "publish": run_publish,
}
