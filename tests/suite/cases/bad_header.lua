-- A header that cannot be right: the scenario does not run, its testcase is an error
-- naming the line.
-- exit: many
error("not reached")
