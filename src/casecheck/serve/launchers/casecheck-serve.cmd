@echo off
rem Windows: double-click this file to open the casecheck check page in the browser.
rem 双击此文件，在浏览器中打开 casecheck 检查页面（关闭这个黑色窗口即停止）。
rem It finds casecheck in a virtual environment around this file (a source checkouts .venv,
rem or the environment casecheck is installed in), else on the PATH.
chcp 65001 >nul
setlocal
set "DIR=%~dp0"
set "FOUND="
for /L %%i in (1,1,7) do call :look
if defined FOUND ("%FOUND%" serve %* & goto :done)
where casecheck >nul 2>nul && (casecheck serve %* & goto :done)
where py >nul 2>nul && (py -3 -c "import casecheck.serve" >nul 2>nul) && (py -3 -m casecheck serve %* & goto :done)
echo 未找到 casecheck：请先按 README 第一行安装（在 casecheck 的文件夹里）；
echo 装好后运行一次 casecheck serve --launcher，桌面上会出现可双击的启动脚本。
echo casecheck not found: install it first as the README's first line says (in the casecheck
echo folder); then run casecheck serve --launcher once to put a launcher on the desktop.
pause
exit /b 1

:done
if errorlevel 2 pause
exit /b

:look
if defined FOUND goto :eof
if exist "%DIR%.venv\Scripts\casecheck.exe" set "FOUND=%DIR%.venv\Scripts\casecheck.exe"
if not defined FOUND if exist "%DIR%Scripts\casecheck.exe" set "FOUND=%DIR%Scripts\casecheck.exe"
for %%P in ("%DIR%..") do set "DIR=%%~fP\"
goto :eof
