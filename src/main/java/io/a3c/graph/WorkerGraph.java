package io.a3c.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The feeds and fetches of one worker's part of the graph: its local network copy, the acting
 * step, the unrolled training step and the sync from the global network. Built by
 * {@link A3CGraph}; run through {@link WorkerNetwork}.
 *
 * <p>Acting takes one row per sequence ({@code [K, ...]}). Training takes K sequences of T rows,
 * sequence-major (row {@code k * T + t}), with a mask that is 0 on padding rows at the end of a
 * sequence and a reset flag that is 1 on the first row of an episode that starts inside the
 * rollout (the LSTM state entering that row is zeroed).
 */
public record WorkerGraph(
    int index,
    int sequences,
    int steps,
    NetworkVariables local,
    // acting
    Placeholder<TFloat32> actX,
    Placeholder<TFloat32> actC,
    Placeholder<TFloat32> actH,
    Operand<TInt64> actSample,
    Operand<TInt64> actGreedy,
    Operand<TFloat32> actLogits,
    Operand<TFloat32> actValue,
    Operand<TFloat32> actNextC,
    Operand<TFloat32> actNextH,
    // training
    Placeholder<TFloat32> trainX,
    Placeholder<TFloat32> trainC,
    Placeholder<TFloat32> trainH,
    Placeholder<TFloat32> trainMask,
    Placeholder<TFloat32> trainResets,
    Placeholder<TInt32> trainActions,
    Placeholder<TFloat32> trainAdvantages,
    Placeholder<TFloat32> trainReturns,
    Operand<TFloat32> trainLogits,
    Operand<TFloat32> trainValue,
    Operand<TFloat32> trainFinalC,
    Operand<TFloat32> trainFinalH,
    Operand<TFloat32> loss,
    Operand<TFloat32> policyLoss,
    Operand<TFloat32> valueLoss,
    Operand<TFloat32> entropy,
    Operand<TFloat32> gradientNorm,
    Operand<TFloat32> variableNorm,
    List<Operand<TFloat32>> gradients,
    List<Operand<TFloat32>> clippedGradients,
    Operand<TInt64> globalStepAfterTrain,
    Op train,
    // sync
    Op sync,
    List<Variable<TFloat32>> localVariables) {}
