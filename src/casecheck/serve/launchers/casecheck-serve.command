#!/bin/sh
# macOS: double-click this file to open the casecheck check page in the browser.
# 双击此文件，在浏览器中打开 casecheck 检查页面（关闭这个终端窗口即停止）。
# It finds casecheck in a virtual environment around this file (a source checkout's .venv,
# or the environment casecheck is installed in), else on the PATH.
dir="$(cd "$(dirname "$0")" && pwd)"
for _ in 1 2 3 4 5 6 7 8; do
  for exe in "$dir/.venv/bin/casecheck" "$dir/bin/casecheck"; do
    if [ -x "$exe" ]; then exec "$exe" serve "$@"; fi
  done
  dir="$(dirname "$dir")"
done
if command -v casecheck >/dev/null 2>&1; then exec casecheck serve "$@"; fi
if command -v python3 >/dev/null 2>&1 && python3 -c "import casecheck.serve" 2>/dev/null; then
  exec python3 -m casecheck serve "$@"
fi
echo "未找到 casecheck：请先按 README 第一行安装（在 casecheck 的文件夹里）；"
echo "装好后运行一次 casecheck serve --launcher，桌面上会出现可双击的启动脚本。"
echo "casecheck not found: install it first as the README's first line says (in the casecheck"
echo "folder); then run casecheck serve --launcher once to put a launcher on the desktop."
printf "按回车键关闭 / press Enter to close "
read -r _
exit 1
