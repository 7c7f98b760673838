/* isa-zbk: Ibex's draft (Bitmanip 0.93) instructions that the ratified Zbkb and Zbkx (Scalar
 * Cryptography 1.0) kept with the same encoding and the same result on RV32, so QEMU can
 * be the oracle of a few of them: pack and packh (Zbf), xperm.n = xperm4 and xperm.b =
 * xperm8, shfli 15 = zip, unshfli 15 = unzip, grevi 7 = brev8 (Zbp).  Per instruction:
 * isa_zb.h's results and hash.  The expected output is QEMU's (-cpu rv32,zbkb=true,
 * zbkx=true, isa_zbk.qemu); socsim runs it on the ibex model with OpenTitan's set
 * (-cpu-model ibex,rv32b=otearlgrey, isa_zbk.args). */
#include "isa_zb.h"

R(pack) R(packh) R(xperm4) R(xperm8) U(zip, "zip") U(unzip, "unzip") U(brev8, "brev8")

static const struct zb_op ops[] = {
    {"pack", op_pack},     {"packh", op_packh}, {"xperm4", op_xperm4}, {"xperm8", op_xperm8},
    {"zip", op_zip},       {"unzip", op_unzip}, {"brev8", op_brev8},
};

int main(void)
{
    zb_run(ops, sizeof(ops) / sizeof(ops[0]));
    return 0;
}
