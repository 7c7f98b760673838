/* picolibc library calls over semihosting: malloc/free, string functions, qsort, snprintf,
 * setjmp/longjmp, strtol; exit status 0 from main's return. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static jmp_buf env;

/* GCC 12 reports infinite recursion here although n == 0 leaves through longjmp. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static void deep(int n)
{
    if (n == 0)
        longjmp(env, 42);
    deep(n - 1);
}
#pragma GCC diagnostic pop

int main(void)
{
    char *p = malloc(100);
    if (!p)
        return 1;
    strcpy(p, "socsim");
    strcat(p, " + picolibc");
    printf("string: \"%s\" length %u, strchr '+' at %d\n", p, (unsigned)strlen(p),
           (int)(strchr(p, '+') - p));
    free(p);

    int v[] = {42, -7, 1000, 3, 0, -500, 17, 3};
    qsort(v, sizeof(v) / sizeof(v[0]), sizeof(v[0]), cmp_int);
    printf("qsort:");
    for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        printf(" %d", v[i]);
    printf("\n");

    char buf[32];
    int n = snprintf(buf, sizeof(buf), "%05d|%-4s|%c|%lu", 42, "ab", 'z', 4000000000ul);
    printf("snprintf: %s (%d)\n", buf, n);

    int r = setjmp(env);
    if (r == 0)
        deep(10);
    printf("longjmp: %d\n", r);

    printf("strtol: %ld %ld %ld\n", strtol("-1234", NULL, 10), strtol("ff", NULL, 16),
           strtol("0x7fffffff", NULL, 0));
    return 0;
}
