using ILGPU;

namespace SciTransfer.Core.Gpu.Lstm;

/// <summary>
/// The ILGPU kernels of one LSTM + MLP-head training step (<see cref="DeviceLstmTrainer"/>). Two are group kernels
/// with one thread group per sequence that walk the whole sequence in one launch (state in shared memory, a
/// barrier between the gate product and the cell update); the others give one thread per head row or per
/// parameter. Every sum runs in a fixed order in one thread (no float atomics), so results do not depend on
/// timing or launch shape. Layouts: x [B T, In], gates (activated, [i | f | g | o]) [B T, 4H], cell, tanh(cell),
/// hidden and dhDirect [B T, H], dA [B T, 4H], act and delta [B T, ActWidth] (each head layer's output / its
/// pre-activation gradient, layer after layer), rowLoss [B T]. The head's layout is 4 ints per layer: in width,
/// out width, weight offset in the parameter buffer (bias right after), column offset in act / delta.
/// </summary>
internal static class DeviceLstmKernels
{
    /// <summary>
    /// Forward over the sequence of group <c>Grid.IdxX</c>: per step the 4H pre-activations
    /// b + x_t Wx + h_{t-1} Wh (weights read from global memory), the gates, then c_t, tanh(c_t), h_t.
    /// Shared memory: h [H], c [H], gates [4H].
    /// </summary>
    public static void Forward(ArrayView<double> p, ArrayView<double> x, ArrayView<double> gates, ArrayView<double> cell,
        ArrayView<double> tanhCell, ArrayView<double> hidden, DeviceLstmArgs a)
    {
        var sh = SharedMemory.GetDynamic<double>();
        int seq = Grid.IdxX, lid = Group.IdxX, lsz = Group.DimX, h = a.H, g4 = a.G4, nIn = a.In;
        int wh = a.WhOffset, bo = a.BiasOffset;
        for (int j = lid; j < h; j += lsz)
        {
            sh[j] = 0.0;
            sh[h + j] = 0.0;
        }

        Group.Barrier();
        for (int t = 0; t < a.Steps; t++)
        {
            int r = (seq * a.Steps) + t;
            for (int j = lid; j < g4; j += lsz)
            {
                double z = p[bo + j];
                for (int k = 0; k < nIn; k++)
                {
                    z += x[(r * nIn) + k] * p[(k * g4) + j];
                }

                for (int k = 0; k < h; k++)
                {
                    z += sh[k] * p[wh + (k * g4) + j];
                }

                // Block 2 (the cell candidate g) is tanh, the input, forget and output gates are sigmoids.
                double v = j >= 2 * h && j < 3 * h ? DeviceMath.Tanh(z) : DeviceMath.Sigmoid(z);
                sh[(2 * h) + j] = v;
                gates[(r * g4) + j] = v;
            }

            Group.Barrier();
            for (int j = lid; j < h; j += lsz)
            {
                double i = sh[(2 * h) + j], f = sh[(3 * h) + j], g = sh[(4 * h) + j], o = sh[(5 * h) + j];
                double c = t > 0 ? (f * sh[h + j]) + (i * g) : i * g;
                double tc = DeviceMath.Tanh(c);
                double hv = o * tc;
                sh[h + j] = c;
                sh[j] = hv;
                cell[(r * h) + j] = c;
                tanhCell[(r * h) + j] = tc;
                hidden[(r * h) + j] = hv;
            }

            Group.Barrier();
        }
    }

    /// <summary>
    /// One thread per head row r: the MLP forward from h_r, the masked squared error of the row (rowLoss) and
    /// the head backward, leaving each layer's pre-activation gradient in delta and d loss / d h_r in dhDirect.
    /// d loss / d prediction = 2 w (p - y) / count (<see cref="DeviceLstmArgs.InvCount"/> = 1 / count); entries
    /// with weight 0 are skipped, so their target may be NaN. act keeps the activations before dropout; the mask
    /// (drop) is applied where the next layer reads them, forward and backward.
    /// </summary>
    public static void Head(Index1D r, ArrayView<double> p, ArrayView<int> layout, ArrayView<double> hidden,
        ArrayView<double> y, ArrayView<double> w, ArrayView<double> act, ArrayView<double> delta,
        ArrayView<double> dhDirect, ArrayView<double> rowLoss, ArrayView<double> drop, DeviceLstmArgs a)
    {
        int row = r;
        int aw = a.ActWidth, last = a.HeadLayers - 1;
        for (int l = 0; l <= last; l++)
        {
            int li = layout[4 * l], lo = layout[(4 * l) + 1], wo = layout[(4 * l) + 2], ao = layout[(4 * l) + 3];
            int prev = l > 0 ? layout[(4 * (l - 1)) + 3] : 0;
            int kind = l == last ? a.OutputActivation : a.HiddenActivation;
            for (int o = 0; o < lo; o++)
            {
                double z = p[wo + (li * lo) + o];
                for (int k = 0; k < li; k++)
                {
                    double input = l == 0 ? hidden[(row * a.H) + k] : act[(row * aw) + prev + k];
                    if (a.DropoutLayer >= 0 && l == a.DropoutLayer + 1)
                    {
                        input *= drop[(row * a.DropoutWidth) + k];
                    }

                    z += input * p[wo + (k * lo) + o];
                }

                act[(row * aw) + ao + o] = DeviceMath.Activate(kind, z);
            }
        }

        int outOff = layout[(4 * last) + 3];
        double sum = 0.0;
        for (int o = 0; o < a.HeadOut; o++)
        {
            int e = (row * a.HeadOut) + o;
            double we = w[e], pred = act[(row * aw) + outOff + o], dz = 0.0;
            if (we != 0)
            {
                double d = pred - y[e];
                sum += we * d * d;
                dz = 2.0 * a.InvCount * we * d * DeviceMath.DerivativeFromOutput(a.OutputActivation, pred);
            }

            delta[(row * aw) + outOff + o] = dz;
        }

        rowLoss[row] = sum;
        for (int l = last; l >= 0; l--)
        {
            int li = layout[4 * l], lo = layout[(4 * l) + 1], wo = layout[(4 * l) + 2], ao = layout[(4 * l) + 3];
            int prev = l > 0 ? layout[(4 * (l - 1)) + 3] : 0;
            for (int k = 0; k < li; k++)
            {
                double g = 0.0;
                for (int o = 0; o < lo; o++)
                {
                    g += delta[(row * aw) + ao + o] * p[wo + (k * lo) + o];
                }

                if (l == 0)
                {
                    dhDirect[(row * a.H) + k] = g;
                }
                else
                {
                    double dz = g * DeviceMath.DerivativeFromOutput(a.HiddenActivation, act[(row * aw) + prev + k]);
                    delta[(row * aw) + prev + k] = a.DropoutLayer >= 0 && l == a.DropoutLayer + 1 ? dz * drop[(row * a.DropoutWidth) + k] : dz;
                }
            }
        }
    }

    /// <summary>
    /// Back-propagation through time for the sequence of group <c>Grid.IdxX</c>, last step first: per step the
    /// gate pre-activation gradients dA (from the carried dh, dc and the step's own dhDirect), then
    /// dh_{t-1} = dA_t Wh^T. Shared memory: dh [H], dc [H], dA [4H].
    /// </summary>
    public static void Backward(ArrayView<double> p, ArrayView<double> gates, ArrayView<double> cell,
        ArrayView<double> tanhCell, ArrayView<double> dhDirect, ArrayView<double> dA, DeviceLstmArgs a)
    {
        var sh = SharedMemory.GetDynamic<double>();
        int seq = Grid.IdxX, lid = Group.IdxX, lsz = Group.DimX, h = a.H, g4 = a.G4, wh = a.WhOffset;
        for (int j = lid; j < h; j += lsz)
        {
            sh[j] = 0.0;
            sh[h + j] = 0.0;
        }

        Group.Barrier();
        for (int t = a.Steps - 1; t >= 0; t--)
        {
            int r = (seq * a.Steps) + t;
            for (int j = lid; j < h; j += lsz)
            {
                int gr = r * g4;
                double i = gates[gr + j], f = gates[gr + h + j], g = gates[gr + (2 * h) + j], o = gates[gr + (3 * h) + j];
                double tc = tanhCell[(r * h) + j];
                double dh = sh[j] + dhDirect[(r * h) + j];
                double dc = sh[h + j] + (dh * o * (1 - (tc * tc)));
                double cp = t > 0 ? cell[((r - 1) * h) + j] : 0.0;
                double di = dc * g * i * (1 - i), df = dc * cp * f * (1 - f), dg = dc * i * (1 - (g * g)), dout = dh * tc * o * (1 - o);
                sh[(2 * h) + j] = di;
                sh[(3 * h) + j] = df;
                sh[(4 * h) + j] = dg;
                sh[(5 * h) + j] = dout;
                dA[gr + j] = di;
                dA[gr + h + j] = df;
                dA[gr + (2 * h) + j] = dg;
                dA[gr + (3 * h) + j] = dout;
                sh[h + j] = dc * f;
            }

            Group.Barrier();
            if (t > 0)
            {
                for (int k = lid; k < h; k += lsz)
                {
                    double s = 0.0;
                    for (int j = 0; j < g4; j++)
                    {
                        s += sh[(2 * h) + j] * p[wh + (k * g4) + j];
                    }

                    sh[k] = s;
                }
            }

            Group.Barrier();
        }
    }

    /// <summary>
    /// One thread per LSTM parameter: d Wx[k, j] = sum_r x[r, k] dA[r, j], d Wh[k, j] = sum_r h_{t-1}[r, k] dA[r, j]
    /// (h_{-1} = 0), d b[j] = sum_r dA[r, j], rows in order. Writes grad[0 .. LstmCount).
    /// </summary>
    public static void LstmGradients(Index1D idx, ArrayView<double> x, ArrayView<double> hidden, ArrayView<double> dA,
        ArrayView<double> grad, DeviceLstmArgs a)
    {
        int g4 = a.G4, rows = a.Rows, j = idx.X % g4, k = idx.X / g4;
        double s = 0.0;
        if (k < a.In)
        {
            for (int r = 0; r < rows; r++)
            {
                s += x[(r * a.In) + k] * dA[(r * g4) + j];
            }
        }
        else if (k < a.In + a.H)
        {
            int kh = k - a.In;
            for (int r = 0; r < rows; r++)
            {
                if (r % a.Steps != 0)
                {
                    s += hidden[((r - 1) * a.H) + kh] * dA[(r * g4) + j];
                }
            }
        }
        else
        {
            for (int r = 0; r < rows; r++)
            {
                s += dA[(r * g4) + j];
            }
        }

        grad[idx.X] = s;
    }

    /// <summary>
    /// One thread per head parameter (index from <see cref="DeviceLstmArgs.HeadOffset"/>): d W_l[k, o] =
    /// sum_r in_l[r, k] delta_l[r, o], d b_l[o] = sum_r delta_l[r, o], rows in order.
    /// </summary>
    public static void HeadGradients(Index1D idx, ArrayView<int> layout, ArrayView<double> hidden, ArrayView<double> act,
        ArrayView<double> delta, ArrayView<double> drop, ArrayView<double> grad, DeviceLstmArgs a)
    {
        int e = a.HeadOffset + idx.X, l = 0;
        while (l + 1 < a.HeadLayers && e >= layout[(4 * (l + 1)) + 2])
        {
            l++;
        }

        int li = layout[4 * l], lo = layout[(4 * l) + 1], local = e - layout[(4 * l) + 2], ao = layout[(4 * l) + 3];
        int prev = l > 0 ? layout[(4 * (l - 1)) + 3] : 0, aw = a.ActWidth, rows = a.Rows;
        double s = 0.0;
        if (local < li * lo)
        {
            int k = local / lo, o = local % lo;
            for (int r = 0; r < rows; r++)
            {
                double input = l == 0 ? hidden[(r * a.H) + k] : act[(r * aw) + prev + k];
                if (a.DropoutLayer >= 0 && l == a.DropoutLayer + 1)
                {
                    input *= drop[(r * a.DropoutWidth) + k];
                }

                s += input * delta[(r * aw) + ao + o];
            }
        }
        else
        {
            int o = local - (li * lo);
            for (int r = 0; r < rows; r++)
            {
                s += delta[(r * aw) + ao + o];
            }
        }

        grad[e] = s;
    }

    /// <summary>loss[0] = (sum of rowLoss in row order) / count; one thread.</summary>
    public static void Loss(Index1D idx, ArrayView<double> rowLoss, ArrayView<double> loss, DeviceLstmArgs a)
    {
        double s = 0.0;
        for (int r = 0; r < a.Rows; r++)
        {
            s += rowLoss[r];
        }

        loss[idx.X] = s * a.InvCount;
    }
}
