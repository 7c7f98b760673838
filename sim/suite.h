/* socsim --suite: runs a directory or a suite file of Lua scenarios, each in a socsim of
 * its own, N at a time, and reports them as a table on stdout and as JUnit XML
 * (docs/scale.md). */
#ifndef SIM_SUITE_H
#define SIM_SUITE_H

#include <stdbool.h>

struct suite_config {
    const char *path; /* --suite DIR|FILE.lua */
    unsigned jobs;    /* -j N: scenarios run at once (0: as many as the host has CPUs) */
    unsigned shard;   /* --shard K/N: this is shard K (1..N) of N; 0 of 0 when not given */
    unsigned nshards;
    const char *junit; /* --junit FILE, or NULL */
    bool junit_time;   /* --junit-time: host run times in the JUnit file */
    /* The command line after argv[0]: its options go to every scenario that does not give
     * its own (those of the suite itself excepted). */
    char *const *argv;
    int argc;
    /* socsim's option table: the documented name of the option a word starts ("-M",
     * "--max-time" for "--max-time=5us"), whether the next word is its value, and whether
     * it is an option of the suite itself (-j, --junit, ...); NULL when the word is no
     * option. */
    const char *(*option)(const char *word, bool *takes_value, bool *suite_only);
};

/* Runs the suite: socsim's exit status (0 every testcase passed, 1 one failed, 2 a usage
 * error such as a missing directory, printed on stderr). */
int suite_run(const struct suite_config *c);

/* -j N and --shard K/N: 0, or -1 with sim_err set. */
int suite_parse_jobs(const char *text, unsigned *jobs);
int suite_parse_shard(const char *text, unsigned *shard, unsigned *nshards);

#endif
