namespace SciTransfer.Quantum.Backends.OpenCl;

/// <summary>
/// OpenCL C source of the backend. Small states: <c>batch_circuit</c> runs a whole circuit (and its
/// adjoint sweep) with one work-group per sample and the state in local memory. Large states:
/// <c>apply1_global</c>, <c>applyx_global</c>, <c>apply2_global</c> apply one gate each, enqueued back to
/// back on a device buffer. Op table layout: see <see cref="OpenClOpTable"/>.
/// </summary>
internal static class OpenClKernels
{
    public const string Source = """
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double2 cplx;

#define OP_INTS 17
#define OP_DOUBLES 6

inline cplx cmul(cplx a, cplx b) { return (cplx)(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x); }

inline long insert_zero(long j, int t) { return ((j >> t) << (t + 1)) | (j & ((1L << t) - 1)); }

// Gate matrix from its kind (same numbering as GateKind) and angles; row-major interleaved complex.
void fill_matrix(int kind, const double* a, double* m) {
    for (int i = 0; i < 32; i++) m[i] = 0.0;
    double c, s;
    switch (kind) {
    case 8: /* RX */ s = sincos(a[0] * 0.5, &c); m[0] = c; m[3] = -s; m[5] = -s; m[6] = c; break;
    case 9: /* RY */ s = sincos(a[0] * 0.5, &c); m[0] = c; m[2] = -s; m[4] = s; m[6] = c; break;
    case 10: /* RZ */ s = sincos(a[0] * 0.5, &c); m[0] = c; m[1] = -s; m[6] = c; m[7] = s; break;
    case 11: /* Phase */ s = sincos(a[0], &c); m[0] = 1.0; m[6] = c; m[7] = s; break;
    case 12: { /* U3 */
        double cp, cl, cpl;
        s = sincos(a[0] * 0.5, &c);
        double sp = sincos(a[1], &cp), sl = sincos(a[2], &cl), spl = sincos(a[1] + a[2], &cpl);
        m[0] = c; m[2] = -cl * s; m[3] = -sl * s; m[4] = cp * s; m[5] = sp * s; m[6] = cpl * c; m[7] = spl * c;
        break; }
    case 15: /* IsingXX */
        s = sincos(a[0] * 0.5, &c);
        for (int l = 0; l < 4; l++) { m[2 * (5 * l)] = c; m[2 * (4 * l + 3 - l) + 1] = -s; }
        break;
    case 16: /* IsingYY */
        s = sincos(a[0] * 0.5, &c);
        for (int l = 0; l < 4; l++) { int p = ((l >> 1) ^ l) & 1; m[2 * (5 * l)] = c; m[2 * (4 * (3 - l) + l) + 1] = p == 0 ? s : -s; }
        break;
    case 17: /* IsingZZ */
        s = sincos(a[0] * 0.5, &c);
        for (int l = 0; l < 4; l++) { int p = ((l >> 1) ^ l) & 1; m[2 * (5 * l)] = c; m[2 * (5 * l) + 1] = p == 0 ? -s : s; }
        break;
    default: break;
    }
}

void dagger(const double* m, int d, double* out) {
    for (int r = 0; r < d; r++)
        for (int c = 0; c < d; c++) {
            out[2 * (r * d + c)] = m[2 * (c * d + r)];
            out[2 * (r * d + c) + 1] = -m[2 * (c * d + r) + 1];
        }
}

// Loads the op's matrix (or its adjoint) for sample data row x into m.
void op_matrix(__global const int* op, __global const double* opd, __global const double* mats,
               __global const double* x, int adj, double* m) {
    int arity = op[1], off = op[5], size = arity == 1 ? 8 : 32;
    if (off >= 0) {
        int base = off + (adj ? size : 0);
        for (int i = 0; i < size; i++) m[i] = mats[base + i];
        return;
    }
    double a[3];
    for (int k = 0; k < 3; k++) {
        int idx = op[8 + k];
        a[k] = opd[3 + k] + (idx >= 0 ? opd[k] * x[idx] : 0.0);
    }
    if (!adj) { fill_matrix(op[0], a, m); return; }
    double t[32];
    fill_matrix(op[0], a, t);
    dagger(t, arity == 1 ? 2 : 4, m);
}

// Applies a gate to a state in local memory, work-items striding over amplitude pairs / quads.
void apply_local(__local cplx* s, int n, __global const int* op, const double* m, int lid, int lsz) {
    int arity = op[1], t0 = op[2], t1 = op[3], ctrl = op[4];
    if (arity == 1) {
        int stride = 1 << t0, pairs = 1 << (n - 1);
        if (!op[6] && m[1] == 0.0 && m[3] == 0.0 && m[5] == 0.0 && m[7] == 0.0) {
            // Real matrix (RY, H): four real multiply-adds per amplitude pair.
            for (int j = lid; j < pairs; j += lsz) {
                int i0 = (int)insert_zero(j, t0);
                if ((i0 & ctrl) != ctrl) continue;
                int i1 = i0 + stride;
                cplx a = s[i0], b = s[i1];
                s[i0] = m[0] * a + m[2] * b;
                s[i1] = m[4] * a + m[6] * b;
            }
            return;
        }
        for (int j = lid; j < pairs; j += lsz) {
            int i0 = (int)insert_zero(j, t0);
            if ((i0 & ctrl) != ctrl) continue;
            int i1 = i0 + stride;
            cplx a = s[i0], b = s[i1];
            if (op[6]) { s[i0] = b; s[i1] = a; continue; }
            s[i0] = cmul((cplx)(m[0], m[1]), a) + cmul((cplx)(m[2], m[3]), b);
            s[i1] = cmul((cplx)(m[4], m[5]), a) + cmul((cplx)(m[6], m[7]), b);
        }
    } else {
        int lo = min(t0, t1), hi = max(t0, t1), quads = 1 << (n - 2);
        for (int j = lid; j < quads; j += lsz) {
            int i = (int)insert_zero(insert_zero(j, lo), hi);
            if ((i & ctrl) != ctrl) continue;
            int idx[4] = { i, i | (1 << t1), i | (1 << t0), i | (1 << t0) | (1 << t1) };
            cplx v[4] = { s[idx[0]], s[idx[1]], s[idx[2]], s[idx[3]] };
            for (int r = 0; r < 4; r++) {
                cplx acc = (cplx)(0.0, 0.0);
                for (int c = 0; c < 4; c++) acc += cmul((cplx)(m[8 * r + 2 * c], m[8 * r + 2 * c + 1]), v[c]);
                s[idx[r]] = acc;
            }
        }
    }
}

// Per-work-item partial of Re <lam| M |phi> over the op's control subspace.
double element_local(__local const cplx* lam, __local const cplx* phi, int n, __global const int* op, const double* m, int lid, int lsz) {
    int arity = op[1], t0 = op[2], t1 = op[3], ctrl = op[4];
    double acc = 0.0;
    if (arity == 1) {
        int stride = 1 << t0, pairs = 1 << (n - 1);
        for (int j = lid; j < pairs; j += lsz) {
            int i0 = (int)insert_zero(j, t0);
            if ((i0 & ctrl) != ctrl) continue;
            int i1 = i0 + stride;
            cplx a = phi[i0], b = phi[i1];
            cplx o0 = cmul((cplx)(m[0], m[1]), a) + cmul((cplx)(m[2], m[3]), b);
            cplx o1 = cmul((cplx)(m[4], m[5]), a) + cmul((cplx)(m[6], m[7]), b);
            acc += lam[i0].x * o0.x + lam[i0].y * o0.y + lam[i1].x * o1.x + lam[i1].y * o1.y;
        }
    } else {
        int lo = min(t0, t1), hi = max(t0, t1), quads = 1 << (n - 2);
        for (int j = lid; j < quads; j += lsz) {
            int i = (int)insert_zero(insert_zero(j, lo), hi);
            if ((i & ctrl) != ctrl) continue;
            int idx[4] = { i, i | (1 << t1), i | (1 << t0), i | (1 << t0) | (1 << t1) };
            for (int r = 0; r < 4; r++) {
                cplx o = (cplx)(0.0, 0.0);
                for (int c = 0; c < 4; c++) o += cmul((cplx)(m[8 * r + 2 * c], m[8 * r + 2 * c + 1]), phi[idx[c]]);
                acc += lam[idx[r]].x * o.x + lam[idx[r]].y * o.y;
            }
        }
    }
    return acc;
}

// Work-group sum in a fixed order (work-item 0 adds the partials sequentially): deterministic.
double group_sum(__local double* red, double v, int lid, int lsz) {
    red[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (lid == 0) { double acc = 0.0; for (int k = 0; k < lsz; k++) acc += red[k]; red[lsz] = acc; }
    barrier(CLK_LOCAL_MEM_FENCE);
    double r = red[lsz];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

// P|phi> scaled by w into out; returns this work-item's part of <phi|P|phi>.
double pauli_local(__local const cplx* phi, __local cplx* out, int dim, int xm, int ym, int zm, double w, int lid, int lsz) {
    int flip = xm | ym, sm = ym | zm, ny = popcount(ym) & 3;
    cplx ph = ny == 0 ? (cplx)(1.0, 0.0) : ny == 1 ? (cplx)(0.0, 1.0) : ny == 2 ? (cplx)(-1.0, 0.0) : (cplx)(0.0, -1.0);
    double acc = 0.0;
    for (int i = lid; i < dim; i += lsz) {
        double sg = (popcount(i & sm) & 1) ? -1.0 : 1.0;
        cplx v = cmul(ph, phi[i]) * sg;
        int j = i ^ flip;
        acc += phi[j].x * v.x + phi[j].y * v.y;
        if (out) out[j] = v * w;
    }
    return acc;
}

// mode 0: write final states; 1: expectation values; 2: expectations + per-occurrence gradient terms.
__kernel void batch_circuit(int n, int nops, __global const int* ops, __global const double* opd, __global const double* mats,
                            int dataWidth, __global const double* data, int hasInit, __global const double* init,
                            int mode, int xm, int ym, int zm, __global const double* weights,
                            __global double* states, __global double* values, int nocc, __global double* occ,
                            __local cplx* phi, __local cplx* lam, __local double* red) {
    int b = get_group_id(0), lid = get_local_id(0), lsz = get_local_size(0), dim = 1 << n;
    __global const double* x = data + (long)b * dataWidth;
    for (int i = lid; i < dim; i += lsz)
        phi[i] = hasInit ? (cplx)(init[2 * ((long)b * dim + i)], init[2 * ((long)b * dim + i) + 1]) : (cplx)(i == 0 ? 1.0 : 0.0, 0.0);
    barrier(CLK_LOCAL_MEM_FENCE);
    double m[32];
    for (int g = 0; g < nops; g++) {
        op_matrix(ops + g * OP_INTS, opd + g * OP_DOUBLES, mats, x, 0, m);
        apply_local(phi, n, ops + g * OP_INTS, m, lid, lsz);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (mode == 0) {
        for (int i = lid; i < dim; i += lsz) {
            states[2 * ((long)b * dim + i)] = phi[i].x;
            states[2 * ((long)b * dim + i) + 1] = phi[i].y;
        }
        return;
    }
    double w = mode == 2 ? weights[b] : 0.0;
    double part = pauli_local(phi, mode == 2 ? lam : 0, dim, xm, ym, zm, w, lid, lsz);
    double value = group_sum(red, part, lid, lsz);
    if (lid == 0) values[b] = value;
    if (mode != 2) return;
    barrier(CLK_LOCAL_MEM_FENCE);
    double dm[32];
    for (int g = nops - 1; g >= 0; g--) {
        __global const int* op = ops + g * OP_INTS;
        op_matrix(op, opd + g * OP_DOUBLES, mats, x, 1, m);
        apply_local(phi, n, op, m, lid, lsz);
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int k = 0; k < op[7]; k++) {
            int doff = op[11 + k];
            if (doff < 0) continue;
            int size = op[1] == 1 ? 8 : 32;
            for (int i = 0; i < size; i++) dm[i] = mats[doff + i];
            double e = group_sum(red, element_local(lam, phi, n, op, dm, lid, lsz), lid, lsz);
            if (lid == 0) occ[(long)b * nocc + op[14 + k]] = e;
        }
        apply_local(lam, n, op, m, lid, lsz);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
}

// Large states: one gate per launch, one work-item per amplitude pair.
__kernel void apply1_global(__global cplx* s, int t, long ctrl, __global const double* mats, int off) {
    long i0 = insert_zero(get_global_id(0), t);
    if ((i0 & ctrl) != ctrl) return;
    long i1 = i0 + (1L << t);
    cplx a = s[i0], b = s[i1];
    __global const double* m = mats + off;
    s[i0] = cmul((cplx)(m[0], m[1]), a) + cmul((cplx)(m[2], m[3]), b);
    s[i1] = cmul((cplx)(m[4], m[5]), a) + cmul((cplx)(m[6], m[7]), b);
}

__kernel void applyx_global(__global cplx* s, int t, long ctrl) {
    long i0 = insert_zero(get_global_id(0), t);
    if ((i0 & ctrl) != ctrl) return;
    long i1 = i0 + (1L << t);
    cplx a = s[i0];
    s[i0] = s[i1];
    s[i1] = a;
}

__kernel void apply2_global(__global cplx* s, int t0, int t1, long ctrl, __global const double* mats, int off) {
    int lo = min(t0, t1), hi = max(t0, t1);
    long i = insert_zero(insert_zero(get_global_id(0), lo), hi);
    if ((i & ctrl) != ctrl) return;
    long idx[4] = { i, i | (1L << t1), i | (1L << t0), i | (1L << t0) | (1L << t1) };
    cplx v[4] = { s[idx[0]], s[idx[1]], s[idx[2]], s[idx[3]] };
    __global const double* m = mats + off;
    for (int r = 0; r < 4; r++) {
        cplx acc = (cplx)(0.0, 0.0);
        for (int c = 0; c < 4; c++) acc += cmul((cplx)(m[8 * r + 2 * c], m[8 * r + 2 * c + 1]), v[c]);
        s[idx[r]] = acc;
    }
}

__kernel void set_basis_zero(__global cplx* s) {
    long i = get_global_id(0);
    s[i] = (cplx)(i == 0 ? 1.0 : 0.0, 0.0);
}
""";
}
