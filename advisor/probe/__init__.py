"""The live probe: latency, speed and rate limits measured from the user's own workstation with
the user's own key (kept in the OS keyring). The only part of Model Advisor that opens a socket,
and only when the user starts a run."""
