-- The identification CSRs are per core (Priv spec 3.1.2-3.1.4), properties of the CPU
-- device: the `ibex` type reads Ibex's registered architecture ID 22 (its RTL's
-- CSR_MARCHID_VALUE, 0x16) with mvendorid and mimpid 0; a board or -global sets others.
-- args: -M ibex-simple -kernel build/ibex/tests/system.elf -global ibex.mimpid=0x20250101
local socsim = require "socsim"

socsim.assert_eq(socsim.csr("mvendorid"), 0, "mvendorid")
socsim.assert_eq(socsim.csr("marchid"), 22, "marchid")
socsim.assert_eq(socsim.csr("mimpid"), 0x20250101, "mimpid set with -global")
