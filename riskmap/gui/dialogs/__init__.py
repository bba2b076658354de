"""Dialogs: add a layer, settings, about."""
