-- What a scenario prints reaches the JUnit file as valid XML: markup escaped, a carriage
-- return kept as a character reference, a byte that is no UTF-8 or no XML character
-- (NUL, BEL, 0xff, U+FFFE) as \xNN.
-- stderr: ^\]\]> .*$
io.write('<a href="x">&amp;</a>\r\n', "tab\there\n", "bell\7 nul\0 bad\255\254 ok \u{e9}\u{1F600}\n")
io.stderr:write("]]> \u{FFFE}\n")
