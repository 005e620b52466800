"""Supervision and control: caseloads, approvals, monitoring, audit viewer, rechtmatigheid, background jobs."""
