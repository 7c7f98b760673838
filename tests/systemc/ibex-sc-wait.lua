-- tests/systemc/ibex-sc.lua with the CRC model waiting out its latency in b_transport.
CRC_PARAMS = ";wait=1"
dofile("tests/systemc/ibex-sc.lua")
