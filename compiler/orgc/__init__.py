"""orgc: a declarative org-policy and job-description compiler."""

__version__ = "0.1.0"
