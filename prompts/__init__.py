"""Prompt templates, installed as ``checker.prompts``."""
