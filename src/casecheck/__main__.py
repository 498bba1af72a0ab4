from casecheck.cli import main

main()
