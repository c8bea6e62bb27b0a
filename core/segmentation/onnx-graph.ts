/**
 * The inputs and outputs of an ONNX model, read from its protobuf without a runtime: enough to
 * check a model package's declared contract (input and output names, class count) when it is
 * listed, before anything is offered or run. Only ModelProto.graph's input and output value infos
 * are decoded (onnx.proto3: ModelProto.graph = 7; GraphProto.input = 11, output = 12;
 * ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1; Tensor.elem_type = 1, shape = 2;
 * TensorShapeProto.dim = 1; Dimension.dim_value = 1, dim_param = 2); everything else, the
 * initializers with the weights included, is skipped by its length.
 */

export interface OnnxValueInfo {
  readonly name: string;
  /** Each dimension: a number when fixed, the parameter name when symbolic, null when unset. */
  readonly shape: readonly (number | string | null)[] | null;
}

export interface OnnxGraphInfo {
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

export class OnnxParseError extends Error {}

interface Field {
  readonly field: number;
  readonly wire: number;
  /** Varint value (wire 0). */
  readonly value: number;
  /** Payload (wire 2). */
  readonly bytes: Uint8Array;
}

function* fields(buf: Uint8Array): Generator<Field> {
  let p = 0;
  const varint = (): number => {
    let result = 0, scale = 1;
    for (let n = 0; n < 10; n++) {
      if (p >= buf.length) throw new OnnxParseError('truncated varint');
      const b = buf[p++]!;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new OnnxParseError('varint longer than 10 bytes');
  };
  const empty = new Uint8Array(0);
  while (p < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8), wire = key % 8;
    if (field === 0) throw new OnnxParseError('field number 0');
    if (wire === 0) yield { field, wire, value: varint(), bytes: empty };
    else if (wire === 1 || wire === 5) {
      p += wire === 1 ? 8 : 4;
      if (p > buf.length) throw new OnnxParseError('truncated fixed-size field');
    } else if (wire === 2) {
      const length = varint();
      if (p + length > buf.length) throw new OnnxParseError(`field ${field} runs past the end of the data`);
      yield { field, wire, value: 0, bytes: buf.subarray(p, p + length) };
      p += length;
    } else throw new OnnxParseError(`unsupported wire type ${wire}`);
  }
}

const text = new TextDecoder('utf-8', { fatal: true });

function only(buf: Uint8Array, field: number): Uint8Array | null {
  let found: Uint8Array | null = null;
  for (const f of fields(buf)) if (f.field === field && f.wire === 2) found = f.bytes;
  return found;
}

function valueInfo(buf: Uint8Array): OnnxValueInfo {
  let name = '';
  let shape: (number | string | null)[] | null = null;
  for (const f of fields(buf)) {
    if (f.field === 1 && f.wire === 2) name = text.decode(f.bytes);
    if (f.field !== 2 || f.wire !== 2) continue;
    const tensor = only(f.bytes, 1);
    const shapeProto = tensor ? only(tensor, 2) : null;
    if (!shapeProto) continue;
    shape = [];
    for (const d of fields(shapeProto)) {
      if (d.field !== 1 || d.wire !== 2) continue;
      let dim: number | string | null = null;
      for (const v of fields(d.bytes)) {
        if (v.field === 1 && v.wire === 0) dim = v.value;
        if (v.field === 2 && v.wire === 2) dim = text.decode(v.bytes);
      }
      shape.push(dim);
    }
  }
  return { name, shape };
}

/** The graph's inputs and outputs; OnnxParseError when the bytes are not an ONNX model. */
export function readOnnxGraph(bytes: Uint8Array): OnnxGraphInfo {
  let graph: Uint8Array | null;
  try {
    graph = only(bytes, 7);
  } catch (error) {
    throw new OnnxParseError(`not an ONNX model (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!graph) throw new OnnxParseError('not an ONNX model (no graph)');
  const inputs: OnnxValueInfo[] = [], outputs: OnnxValueInfo[] = [];
  try {
    for (const f of fields(graph)) {
      if (f.wire !== 2) continue;
      if (f.field === 11) inputs.push(valueInfo(f.bytes));
      if (f.field === 12) outputs.push(valueInfo(f.bytes));
    }
  } catch (error) {
    throw new OnnxParseError(`not an ONNX model (${error instanceof Error ? error.message : String(error)})`);
  }
  if (outputs.length === 0) throw new OnnxParseError('not an ONNX model (its graph has no outputs)');
  return { inputs, outputs };
}
