"""Generate synthetic party documents in bulk, for benchmarks (never committed: generated at run time).

    uv run python corpus/synth.py OUT_DIR --count 1000 [--formats txt,docx,pdf] [--pages 2] [--seed 0]

The documents follow the real layout (header, type name, numbered sections, citations of real
resolutions, dates in several forms, minutes with attendance) with random cells, numbers and dates,
so throughput and memory are measured on text shaped like the real thing. They are not a gold corpus.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

CELLS = [
    "Chi bộ Trường Tiểu học Phúc Than",
    "Chi bộ Phòng Tài chính - Kế hoạch",
    "Chi bộ Khối Dân",
    "Chi bộ thôn Nà Cang",
    "Chi bộ Trường Phổ thông Dân tộc Nội trú",
    "Chi bộ Trạm Y tế xã Mường Kim",
    "Chi bộ Công an xã Tà Hừa",
    "Chi bộ bản Hua Nà",
    "Chi bộ Văn phòng Huyện ủy",
    "Chi bộ Ban Quản lý dự án",
]
UPPER = ["ĐẢNG BỘ XÃ PHÚC THAN", "ĐẢNG BỘ HUYỆN THAN UYÊN", "ĐẢNG BỘ CƠ QUAN CHÍNH QUYỀN", "ĐẢNG ỦY KHỐI CƠ QUAN"]
PLACES = ["Than Uyên", "Phúc Than", "Mường Kim", "Tà Hừa", "Lai Châu", "Tân Uyên"]
NAMES = [
    "Nguyễn Văn An",
    "Lò Thị Bình",
    "Trần Văn Cường",
    "Hoàng Thị Dung",
    "Lường Văn Đức",
    "Phạm Thị Hà",
    "Vàng A Dính",
    "Đỗ Minh Khôi",
    "Lê Thị Kim Ngân",
    "Quàng Văn Phong",
]
CITED = [
    "21-NQ/TW ngày 16/6/2022",
    "24-CTr/TU ngày 17/10/2022",
    "161-KH/HU ngày 31/10/2022",
    "12-HD/BTCTW ngày 06/7/2018",
    "50-CT/TW ngày 23-7-2025",
    "42-HD/BTCTW ngày 28 tháng 10 năm 2025",
    "30/2020/NĐ-CP ngày 05/3/2020",
    "05-CT/TW ngày 15/5/2016",
]
SENTENCES = [
    "Chi bộ đã lãnh đạo đảng viên hoàn thành tốt nhiệm vụ chính trị của cơ quan, đơn vị trong tháng.",
    "Đồng chí Bí thư chi bộ thông báo tình hình thời sự trong nước, quốc tế và của địa phương.",
    "Triển khai các văn bản của cấp trên, trong đó có Nghị quyết số {cited} của Ban Chấp hành Trung ương.",
    "Đánh giá kết quả thực hiện nhiệm vụ tháng {m}/{y}: các chỉ tiêu cơ bản đạt và vượt kế hoạch đề ra.",
    "Phương hướng, nhiệm vụ tháng tới: tập trung chỉ đạo sản xuất vụ mùa, bảo đảm an ninh trật tự.",
    "Phân công đồng chí {name} theo dõi, đôn đốc việc thực hiện và báo cáo chi bộ vào ngày {d}/{m2}/{y}.",
    "Thu nộp đảng phí tháng {m}/{y} đầy đủ, đúng quy định; tổng số tiền {money} đồng.",
    "Chi bộ duy trì sinh hoạt định kỳ vào ngày {d} hằng tháng, thời gian sinh hoạt bảo đảm từ 90 phút trở lên.",
    "Có mặt {present}/{total} đồng chí; vắng {absent} đồng chí có lý do.",
    "Thực hiện Kế hoạch số {num}-KH/ĐU ngày {d} tháng {m} năm {y} của Đảng ủy xã về xây dựng chi bộ bốn tốt.",
    "Trong giai đoạn 2020-2025, tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt {pct}%.",
    "Các ý kiến thảo luận tập trung vào giải pháp nâng cao chất lượng sinh hoạt chi bộ.",
]


def _paragraph(rng: random.Random, year: int) -> str:
    sentence = rng.choice(SENTENCES)
    total = rng.randint(5, 40)
    return sentence.format(
        cited=rng.choice(CITED),
        m=rng.randint(1, 12),
        m2=rng.randint(1, 12),
        y=year,
        d=rng.randint(1, 28),
        name=rng.choice(NAMES),
        money=f"{rng.randint(100, 9999)}.000",
        present=total - 1,
        total=total,
        absent=1,
        num=f"{rng.randint(1, 120):02d}",
        pct=rng.randint(80, 100),
    )


def document_lines(rng: random.Random, *, pages: int = 2) -> list[str]:
    """Return the lines of one synthetic document of about `pages` pages."""
    year = rng.randint(2019, 2026)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    cell = rng.choice(CELLS)
    kind = rng.choice(["NGHỊ QUYẾT", "KẾ HOẠCH", "BIÊN BẢN", "BÁO CÁO"])
    lines = [
        rng.choice(UPPER),
        cell.upper(),
        "*",
        f"Số {rng.randint(1, 99):02d}-{'NQ' if kind == 'NGHỊ QUYẾT' else 'KH'}/CB",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        f"{rng.choice(PLACES)}, ngày {day:02d} tháng {month} năm {year}",
        "",
        kind,
        f"sinh hoạt chi bộ định kỳ tháng {month} năm {year}",
        "",
    ]
    # 11 body lines of two sentences make ~2.6 kB of text, one printed page: the full pages of the
    # corpus PDFs hold 2.3 kB (median), an A4 page of 13-pt official text (Decree 30/2020) ~2.5-3 kB.
    body_lines = pages * 11
    for i in range(body_lines):
        if i % 8 == 0:
            lines.append(f"{i // 8 + 1}. {rng.choice(['Kết quả', 'Nhiệm vụ', 'Giải pháp', 'Tổ chức thực hiện'])}")
        lines.append(" ".join(_paragraph(rng, year) for _ in range(2)))
    lines += ["", "T/M CHI BỘ", "BÍ THƯ", rng.choice(NAMES)]
    return lines


def write_txt(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_docx(path: Path, lines: list[str]) -> None:
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(lines[:4])
    table.cell(0, 1).text = "\n".join(lines[4:6])
    for line in lines[6:]:
        document.add_paragraph(line)
    document.sections[0].footer.paragraphs[0].text = "Trang"
    document.save(str(path))


@cache
def _font() -> Path:
    """The corpus build's DejaVu Sans (same lookup: $CHIBO_PDF_FONT, system paths, fc-match)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from build import find_font

    return find_font()


def write_pdf(path: Path, lines: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(_font()))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


WRITERS = {"txt": write_txt, "docx": write_docx, "pdf": write_pdf}


def generate(
    out_dir: Path, count: int, *, formats: tuple[str, ...] = ("txt", "docx", "pdf"), pages: int = 2, seed: int = 0
) -> Iterator[Path]:
    """Write `count` documents round-robin over `formats`; yield each path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(count):
        fmt = formats[i % len(formats)]
        path = out_dir / f"synth-{i:06d}.{fmt}"
        WRITERS[fmt](path, document_lines(rng, pages=pages))
        yield path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--formats", default="txt,docx,pdf")
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    n = sum(
        1
        for _ in generate(
            args.out_dir, args.count, formats=tuple(args.formats.split(",")), pages=args.pages, seed=args.seed
        )
    )
    print(f"wrote {n} documents to {args.out_dir}")


if __name__ == "__main__":
    main()
