#!/usr/bin/env bash
# Renders the seed evaluation's workbook and Word report, and those of its project
# (docs/examples/hengyang-2024-keji.toml), to PDF with LibreOffice, the way a finance
# bureau would print them, and checks the PDFs.
#
#   scripts/pdf-check.sh [OUT_DIR]        (default: target/pdf-check)
#
# Needs LibreOffice (Calc and Writer) and a Chinese font; poppler-utils for the text
# checks. What is missing it tries to install with apt-get (libreoffice-calc
# libreoffice-writer, fonts-noto-cjk, fonts-liberation2 — metric-compatible with Times
# New Roman — and poppler-utils). If LibreOffice cannot be installed it says so and
# exits 0 (skipped); a missing font or poppler is a warning. A conversion that fails,
# or a PDF without the seed's name and total, exits 1. With poppler-utils it also
# writes a PNG of each page for a person to look at. The seed is printed twice: under
# its own template and, in OUT_DIR/sichuan, under Sichuan's (another table of the same
# figures: docs/templates.md). CI runs it after the tests.
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-target/pdf-check}"
mkdir -p "$out"

skip() {
    echo "pdf-check: 跳过：$*" >&2
    exit 0
}

# Installs packages with apt-get, as root or with password-less sudo; prints why not
# and returns 1 if it cannot.
install() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
            echo "pdf-check: 没有安装权限（需要 root 或免密 sudo）" >&2
            return 1
        fi
        sudo="sudo -n"
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "pdf-check: 本机没有 apt-get" >&2
        return 1
    fi
    echo "pdf-check: installing $*" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

has_chinese_font() {
    command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family | head -n 1)" ]
}

missing=()
command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-calc libreoffice-writer fonts-liberation2)
has_chinese_font || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
    install "${missing[@]}" || echo "pdf-check: 安装失败：${missing[*]}" >&2
fi
command -v libreoffice >/dev/null 2>&1 || skip "未安装 LibreOffice，且无法安装"
has_chinese_font || echo "pdf-check: 警告：没有中文字体（fonts-noto-cjk），PDF 中的中文可能显示为方框" >&2

second="$out/sichuan"
mkdir -p "$second"
rm -f "$out"/*.xlsx "$out"/*.docx "$out"/*.md "$out"/*.csv "$out"/*.pdf "$out"/*.png
rm -f "$second"/*.xlsx "$second"/*.docx "$second"/*.md "$second"/*.csv "$second"/*.pdf "$second"/*.png
cargo run --locked --quiet --example export_seed -- "$out" \
    docs/examples/hengyang-2024.toml docs/examples/hengyang-2024-keji.toml >/dev/null
cargo run --locked --quiet --example export_seed -- "$second" --template sichuan \
    docs/examples/hengyang-2024.toml >/dev/null

# A private profile: no first-start wizard, no clash with a LibreOffice already open.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# LibreOffice can hang on a broken file: give each conversion five minutes.
limit=()
command -v timeout >/dev/null 2>&1 && limit=(timeout 300)
for doc in "$out"/*.xlsx "$out"/*.docx "$second"/*.xlsx "$second"/*.docx; do
    if ! log="$("${limit[@]}" libreoffice -env:UserInstallation="file://$profile" --headless \
        --convert-to pdf --outdir "$(dirname "$doc")" "$doc" 2>&1)"; then
        echo "pdf-check: 转换失败：$doc" >&2
        echo "$log" >&2
        exit 1
    fi
done

status=0
for doc in "$out"/*.xlsx "$out"/*.docx "$second"/*.xlsx "$second"/*.docx; do
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
        wanted=(98.76 衡阳县科技和工业信息化局)
        case "$pdf" in
            "$second"/*) wanted=(衡阳县科技和工业信息化局 调整后预算数) ;;
            *项目支出*) wanted=(99.50 科技项目资金 当年财政拨款) ;;
        esac
        for want in "${wanted[@]}"; do
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
