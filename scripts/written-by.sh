#!/usr/bin/env bash
# Rebuilds test/fixtures/written-by/: the real 丽江 fixture as other programs write it, for the hostile
# suite (the tool must read each, and its annotated copy must keep what each program wrote).
# Needs Debian's python3-openpyxl and python3-pil, and libreoffice-calc-nogui.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=test/fixtures/provinces-yn-lijiang-gucheng-zrzy-2020-weipian.xlsx
OUT=test/fixtures/written-by
mkdir -p "$OUT"
# openpyxl: a note on a flagged cell and on an unflagged one, a picture, a data validation.
/usr/bin/python3 - "$SRC" "$OUT/openpyxl.xlsx" <<'PY'
import sys, io
import openpyxl
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image as PILImage
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
ws["I13"].comment = Comment("初审：得分待核。", "审计组")
ws["A1"].comment = Comment("资料来源：单位公开网站。", "审计组")
buf = io.BytesIO()
PILImage.new("RGB", (40, 20), (200, 30, 30)).save(buf, format="PNG")
buf.seek(0)
ws.add_image(Image(buf), "L2")
dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
ws.add_data_validation(dv)
dv.add("I13:I16")
wb.save(sys.argv[2])
PY
# LibreOffice Calc: the fixture saved by LibreOffice as .xlsx ("Calc Office Open XML").
tmp=$(mktemp -d)
soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to "xlsx:Calc Office Open XML" --outdir "$tmp" "$SRC" >/dev/null 2>&1
cp "$tmp/$(basename "$SRC")" "$OUT/libreoffice.xlsx"
rm -rf "$tmp"
ls -l "$OUT"
