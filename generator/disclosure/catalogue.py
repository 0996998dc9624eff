"""The list of the information the site publishes (danh mục thông tin phải được công khai):
for each kind, its address, its form, when it was published and for how long it stays.

Each kind of output is declared once, in `KINDS`, with the places it takes in the site
(`patterns`); the list shows the kinds the build's outputs hold (`catalogue`), and a test
checks that every output of the build is one kind's, and only one's. "When" is read from the
content and its git history (issue dates, reports, amendments, the last change), never from
the build's clock; what the content does not say is not said.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from generator.common.dates import format_date, vietnam_date
from generator.common.urls import (
    ABOUT_URL,
    ACCESS_URL,
    CATALOGUE_URL,
    CHANGES_FEED,
    CHANGES_URL,
    DATA_URL,
    ENGLISH_URL,
    KEY_TASKS_URL,
    MONTHS_URL,
    PROGRESS_URL,
    SEARCH_URL,
    SOURCE_FILES,
    SUBSCRIBE_URL,
    UNITS_URL,
)
from generator.domain.model import ChangeKind, Content
from generator.opendata.csvdata import CsvField, spreadsheet_safe
from generator.output import SiteInfo

CATALOGUE_FILE = "danh-muc-thong-tin.csv"
"""The list as data, in `du-lieu/`, a resource of the Data Package."""


def issued(content: Content) -> str:
    """Each programme's issue date, else the day its data reached the site (git history)."""
    said = []
    for p in content.programmes:
        if p.issued_on:
            said.append(f"{p.title}: ban hành ngày {format_date(p.issued_on)}")
            continue
        first = [
            c.when
            for c in content.changes
            if c.programme_id == p.id and c.kind is ChangeKind.PUBLISHED
        ]
        day = f"đăng lên trang ngày {format_date(vietnam_date(min(first)))}" if first else ""
        said.append(f"{p.title}: {day or 'văn bản không ghi ngày ban hành'}")
    return "; ".join(said)


def updated(content: Content) -> str:
    """When what the content says last changed; the files follow it."""
    if content.updated is None:
        return issued(content)
    return f"Cập nhật theo dữ liệu, lần cuối ngày {format_date(vietnam_date(content.updated))}"


def reported(content: Content) -> str:
    days = [r.reported_on for t in content.tasks for r in t.reports]
    if not days:
        return "Chưa có báo cáo tiến độ"
    return f"Báo cáo tiến độ mới nhất ngày {format_date(max(days))}"


def amended(content: Content) -> str:
    decisions = [a for p in content.programmes for a in p.amendments]
    latest = (
        f"Điều chỉnh mới nhất ngày {format_date(max(a.decided_on for a in decisions))}"
        if decisions
        else "Chưa có điều chỉnh"
    )
    return f"{latest}; {reported(content)}"


KEEP_ALL = "Thường xuyên; các năm trước vẫn được giữ trên trang"
KEEP_HISTORY = "Thường xuyên; điều chỉnh và báo cáo đã đăng không bị xóa"
FOLLOWS_DATA = "Thường xuyên; thay bằng bản mới mỗi lần dữ liệu thay đổi"


@dataclass(frozen=True)
class Kind:
    """One kind of information the site publishes, in one form."""

    id: str
    """Stable id, the data's first column."""
    what: str
    """What it is, in Vietnamese."""
    addresses: tuple[str, ...]
    """Its addresses as the list shows them, from the site's root: site paths, or patterns
    with <…> for the part that varies."""
    form: str
    """Web page, calendar file, data file, the official document."""
    when: Callable[[Content], str]
    """When it was published, from the content."""
    lasts: str
    """For how long it stays published."""
    patterns: tuple[str, ...]
    """The site paths it takes (`fnmatch`, '*' crossing '/')."""
    link: str = ""
    """A site URL to follow, '' where the address is a pattern."""
    later: bool = False
    """Made after the list is drawn up (the data, the list, search): always listed."""


PAGE, CALENDAR, DATA, ORIGINAL = (
    "Trang web",
    "Tệp lịch (.ics)",
    "Tệp dữ liệu (CSV, JSON)",
    "Văn bản gốc (tệp tải về)",
)

KINDS = (
    Kind("trang-chu", "Trang chủ: nhiệm vụ sắp đến hạn, tiến độ chung", ("",), PAGE, updated,
         FOLLOWS_DATA, ("index.html",), link="./"),
    Kind("gioi-thieu", "Chương trình công tác: cơ quan ban hành, căn cứ, tổ chức thực hiện, "
         "đính chính", (ABOUT_URL,), PAGE, issued, KEEP_ALL, (f"{ABOUT_URL}index.html",),
         link=ABOUT_URL),
    Kind("trong-tam", "Nhiệm vụ trọng tâm và lịch giao ban", (KEY_TASKS_URL,), PAGE, issued,
         KEEP_ALL, (f"{KEY_TASKS_URL}index.html",), link=KEY_TASKS_URL),
    Kind("thang", "Nhiệm vụ cụ thể theo tháng", (f"{MONTHS_URL}<năm>-<tháng>/",), PAGE, issued,
         KEEP_ALL, (f"{MONTHS_URL}*index.html",), link=MONTHS_URL),
    Kind("don-vi", "Nhiệm vụ theo đơn vị chủ trì", (f"{UNITS_URL}<mã đơn vị>/",), PAGE, issued,
         KEEP_ALL, (f"{UNITS_URL}*index.html",), link=UNITS_URL),
    Kind("nhiem-vu", "Từng nhiệm vụ: nội dung, thời hạn, tiến độ, lịch sử", ("nhiem-vu/<mã>/",),
         PAGE, issued, KEEP_ALL, ("nhiem-vu/*/index.html",)),
    Kind("tien-do", "Tiến độ thực hiện: quá hạn, sắp đến hạn, đã hoàn thành", (PROGRESS_URL,),
         PAGE, reported, FOLLOWS_DATA, (f"{PROGRESS_URL}index.html",), link=PROGRESS_URL),
    Kind("thay-doi", "Điều chỉnh chương trình và báo cáo tiến độ", (CHANGES_URL,), PAGE,
         amended, KEEP_HISTORY, (f"{CHANGES_URL}index.html",), link=CHANGES_URL),
    Kind("thay-doi-atom", "Điều chỉnh và báo cáo tiến độ, để theo dõi", (CHANGES_FEED,
         f"{CHANGES_URL}<mã đơn vị>.xml"), "Tệp tin Atom (.xml)", amended, KEEP_HISTORY,
         (f"{CHANGES_URL}*.xml",), link=CHANGES_FEED),
    Kind("lich", "Lịch thời hạn nhiệm vụ và giao ban: tất cả, theo đơn vị, theo năm, từng "
         "nhiệm vụ", ("lich/<…>.ics",), CALENDAR, issued, "Thường xuyên; nhiệm vụ bị bỏ vẫn ở "
         "lại trong lịch, ghi “Đã hủy”", ("lich/*.ics",)),
    Kind("lich-trang", "Hướng dẫn theo dõi lịch trên điện thoại, máy tính", (SUBSCRIBE_URL,),
         PAGE, issued, FOLLOWS_DATA, (f"{SUBSCRIBE_URL}index.html",), link=SUBSCRIBE_URL),
    Kind("van-ban", "Văn bản chương trình công tác (bản gốc)", (f"{SOURCE_FILES}<tệp>",), ORIGINAL,
         issued, KEEP_ALL, (f"{SOURCE_FILES}*",)),
    Kind("du-lieu-trang", "Dữ liệu mở: hướng dẫn, các cột, giấy phép", (DATA_URL,), PAGE,
         updated, FOLLOWS_DATA, (f"{DATA_URL}index.html",), link=DATA_URL, later=True),
    Kind("du-lieu", "Dữ liệu mở: nhiệm vụ, lịch sử, danh mục này, mô tả gói dữ liệu",
         (f"{DATA_URL}<tệp>",), DATA, updated, FOLLOWS_DATA,
         (f"{DATA_URL}*.csv", f"{DATA_URL}*.json"), later=True),
    Kind("danh-muc", "Danh mục thông tin công khai (trang này)", (CATALOGUE_URL,), PAGE,
         updated, FOLLOWS_DATA, (f"{CATALOGUE_URL}index.html",), link=CATALOGUE_URL, later=True),
    Kind("tiep-can", "Cách yêu cầu cung cấp thông tin, đầu mối tiếp nhận", (ACCESS_URL,),
         PAGE, updated, FOLLOWS_DATA, (f"{ACCESS_URL}index.html",), link=ACCESS_URL),
    Kind("tieng-anh", "Thông tin bằng tiếng Anh: cơ quan, đơn vị, liên hệ, cách dùng trang",
         (ENGLISH_URL,), PAGE, updated, FOLLOWS_DATA, (f"{ENGLISH_URL}*index.html",),
         link=ENGLISH_URL),
    Kind("tim-kiem", "Tìm kiếm nhiệm vụ", (SEARCH_URL,), "Trang web và tệp chỉ mục",
         updated, FOLLOWS_DATA, (f"{SEARCH_URL}*",), link=SEARCH_URL, later=True),
    Kind("quan-tri", "Trang cập nhật dữ liệu của cán bộ (cần đăng nhập)", ("admin/",),
         "Công cụ của cán bộ, không phải thông tin công khai", updated, FOLLOWS_DATA,
         ("admin/*",)),
)  # fmt: skip
"""Every kind of output, in the order the list shows them."""


def kinds_of(path: str) -> list[Kind]:
    """The kinds whose patterns take the site path (exactly one, for every output)."""
    return [k for k in KINDS if any(fnmatchcase(path, p) for p in k.patterns)]


@dataclass(frozen=True)
class Row:
    """One line of the list, as the page and the data show it."""

    kind: Kind
    when: str


def catalogue(content: Content, paths: Iterable[str]) -> tuple[Row, ...]:
    """The kinds the outputs so far hold, and those made after the list (`Kind.later`)."""
    present = {k.id for path in paths for k in kinds_of(path)}
    return tuple(
        Row(kind, kind.when(content)) for kind in KINDS if kind.later or kind.id in present
    )


def _field(name: str, vi: str, en: str) -> CsvField:
    return CsvField(name, "string", vi, en)


CATALOGUE_FIELDS = (
    _field("Mã", "Mã cố định của loại thông tin", "id of the kind of information"),
    _field("Loại thông tin", "Thông tin được công khai", "the information published"),
    _field("Địa chỉ", "Địa chỉ trên trang (<…> là phần thay đổi)", "address on the site"),
    _field("Hình thức", "Hình thức công khai", "form: web page, calendar, data, document"),
    _field("Thời điểm công khai", "Thời điểm công khai, theo dữ liệu", "when it was published"),
    _field("Thời hạn công khai", "Thời hạn công khai", "for how long it stays published"),
)


def catalogue_csv(rows: tuple[Row, ...], site: SiteInfo) -> bytes:
    """The list as CSV, as `chuong-trinh.csv` is written (BOM, CRLF, formula-safe cells)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([f.name for f in CATALOGUE_FIELDS])
    for row in rows:
        k = row.kind
        where = ", ".join(site.absolute(a) for a in k.addresses)
        cells = [k.id, k.what, where, k.form, row.when, k.lasts]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")
