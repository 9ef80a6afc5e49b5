#!/usr/bin/env bash
# Renders the seed evaluation's workbook and Word report to PDF with LibreOffice, the
# way a finance bureau would print them, and checks the PDFs.
#
#   scripts/pdf-check.sh [OUT_DIR]        (default: target/pdf-check)
#
# Needs LibreOffice (Calc and Writer) and a Chinese font. If `libreoffice` is missing
# it tries `apt-get install libreoffice-calc libreoffice-writer fonts-noto-cjk` (and
# fonts-liberation2, metric-compatible with Times New Roman, poppler-utils for the checks); if that
# is not possible it says so and exits 0 (skipped). With poppler-utils it also checks
# the PDFs' text and writes a PNG of each first page for a person to look at.
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-target/pdf-check}"
mkdir -p "$out"

skip() {
    echo "pdf-check: 跳过：$*" >&2
    exit 0
}

if ! command -v libreoffice >/dev/null 2>&1; then
    echo "pdf-check: libreoffice not found; installing libreoffice-calc libreoffice-writer fonts-noto-cjk" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || skip "未安装 LibreOffice，且没有安装权限（需要 root 或免密 sudo）"
        sudo="sudo -n"
    fi
    command -v apt-get >/dev/null 2>&1 || skip "未安装 LibreOffice，且本机没有 apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends \
        libreoffice-calc libreoffice-writer fonts-noto-cjk fonts-liberation2 poppler-utils >/dev/null; }; then
        skip "LibreOffice 安装失败"
    fi
    command -v libreoffice >/dev/null 2>&1 || skip "安装后仍找不到 libreoffice"
fi

rm -f "$out"/*.xlsx "$out"/*.docx "$out"/*.pdf "$out"/*.png
cargo run --quiet --example export_seed -- "$out" >/dev/null

# A private profile: no first-start wizard, no clash with a LibreOffice already open.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for doc in "$out"/*.xlsx "$out"/*.docx; do
    libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$doc" >/dev/null 2>&1 ||
        { echo "pdf-check: 转换失败：$doc" >&2; exit 1; }
done

status=0
for doc in "$out"/*.xlsx "$out"/*.docx; do
    pdf="${doc%.*}.pdf"
    if [ ! -s "$pdf" ]; then
        echo "pdf-check: 失败：没有生成 $pdf" >&2
        status=1
        continue
    fi
    pages="?"
    if command -v pdfinfo >/dev/null 2>&1; then
        pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
    fi
    if command -v pdftotext >/dev/null 2>&1; then
        text="$(pdftotext -layout "$pdf" -)"
        for want in 98.76 衡阳县科技和工业信息化局; do
            if ! grep -q -- "$want" <<<"$text"; then
                echo "pdf-check: 失败：$pdf 中没有“$want”" >&2
                status=1
            fi
        done
    else
        echo "pdf-check: 没有 pdftotext（poppler-utils），未检查 PDF 文字" >&2
    fi
    if command -v pdftoppm >/dev/null 2>&1; then
        pdftoppm -png -r 60 "$pdf" "${pdf%.pdf}"
    fi
    echo "pdf-check: $pdf（$pages 页）"
done
exit $status
