package io.gridshift.demo.bench.paths;

/** An upstream issue a failure of the matrix matches. */
record KnownIssue(String id, String url, String summary) {}
