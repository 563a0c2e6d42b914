# Reads the output of `sqlite3 .read queries.sql` (agora-bench http-corpus writes the file):
# each search starts with a line `##`, then one "Run Time: real S ..." per statement it ran.
# Prints each search's time (the sum over its statements) in milliseconds, one per line.
/^##$/ { if (n) print s * 1000; s = 0; n++; next }
/^Run Time: real/ { s += $4 }
END { if (n) print s * 1000 }
