-- A socsim that dies (here killed by SIGKILL) takes only its own scenario down: an error
-- testcase that names the signal; the suite goes on.
local socsim = require "socsim"
socsim.run("1us")
os.execute("kill -KILL $PPID")
socsim.run("1ms")
