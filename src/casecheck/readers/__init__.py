"""Readers turn one file into plain facts. They never judge; checkers do."""
