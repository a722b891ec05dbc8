import importlib

Migration = importlib.import_module("tests.fleetapp.migrations.0001_initial").Migration
