/* picolibc over semihosting: printf with %d, %x, %s and a long line, then exit(3). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("picolibc printf on socsim\n");
    printf("%%d: %d %d %d\n", 0, -42, 2147483647);
    printf("%%x: %x %08x %X\n", 0xdeadbeefu, 0x1234u, 0xabcu);
    printf("%%s: [%s] [%8s] [%-8s]\n", "socsim", "rv32", "imac");
    for (int i = 0; i < 3; i++)
        printf("long line %d: %s\n", i,
               "The quick brown fox jumps over the lazy dog; "
               "pack my box with five dozen liquor jugs; "
               "sphinx of black quartz, judge my vow.");
    exit(3);
}
