/**
 * A small WebGL2 point renderer for the projector (no eval: the app's CSP forbids it, which rules
 * out regl and regl-scatterplot). One draw call for all points (positions and RGBA colours in
 * vertex buffers), a second one over an index buffer for highlighted points drawn larger on top.
 * The view (pan / zoom) is a uniform, so moving the view re-uploads nothing.
 */
const VS = `#version 300 es
in vec2 a_pos;
in vec4 a_col;
uniform vec2 u_scale;
uniform vec2 u_offset;
uniform float u_size;
uniform float u_alpha;
out vec4 v_col;
void main() {
  gl_Position = vec4(a_pos * u_scale + u_offset, 0.0, 1.0);
  gl_PointSize = u_size;
  v_col = vec4(a_col.rgb, a_col.a * u_alpha);
}`;

const FS = `#version 300 es
precision mediump float;
in vec4 v_col;
uniform float u_ring;
out vec4 o_col;
void main() {
  vec2 d = gl_PointCoord - vec2(0.5);
  float r = length(d);
  if (r > 0.5) discard;
  o_col = (u_ring > 0.5 && r > 0.36) ? vec4(0.0, 0.0, 0.0, 1.0) : v_col;
}`;

export interface View {
  /** Zoom factor (1 = the whole layout fits). */
  zoom: number;
  /** Pan in device coordinates. */
  panX: number;
  panY: number;
}

export class PointRenderer {
  readonly gl: WebGL2RenderingContext;
  private readonly prog: WebGLProgram;
  private readonly posBuf: WebGLBuffer;
  private readonly colBuf: WebGLBuffer;
  private readonly idxBuf: WebGLBuffer;
  private readonly vao: WebGLVertexArrayObject;
  private n = 0;
  private highlighted = 0;
  private aspect = 1;
  view: View = { zoom: 1, panX: 0, panY: 0 };
  pointSize = 3;

  constructor(readonly canvas: HTMLCanvasElement) {
    const gl = canvas.getContext('webgl2', { antialias: false, premultipliedAlpha: false, preserveDrawingBuffer: false });
    if (!gl) throw new Error('This browser has no WebGL2: the projector cannot draw.');
    this.gl = gl;
    this.prog = link(gl, VS, FS);
    this.posBuf = need(gl.createBuffer());
    this.colBuf = need(gl.createBuffer());
    this.idxBuf = need(gl.createBuffer());
    this.vao = need(gl.createVertexArray());
    gl.bindVertexArray(this.vao);
    const pos = gl.getAttribLocation(this.prog, 'a_pos');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.posBuf);
    gl.enableVertexAttribArray(pos);
    gl.vertexAttribPointer(pos, 2, gl.FLOAT, false, 0, 0);
    const col = gl.getAttribLocation(this.prog, 'a_col');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colBuf);
    gl.enableVertexAttribArray(col);
    gl.vertexAttribPointer(col, 4, gl.UNSIGNED_BYTE, true, 0, 0);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.idxBuf);
    gl.bindVertexArray(null);
  }

  /** Uploads positions (x, y interleaved by this call) and colours (RGBA bytes per point). */
  setPoints(x: Float32Array, y: Float32Array, rgba: Uint8Array): void {
    const gl = this.gl;
    const n = x.length;
    const xy = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      xy[i * 2] = x[i];
      xy[i * 2 + 1] = y[i];
    }
    gl.bindBuffer(gl.ARRAY_BUFFER, this.posBuf);
    gl.bufferData(gl.ARRAY_BUFFER, xy, gl.STATIC_DRAW);
    this.setColours(rgba);
    this.n = n;
  }

  setColours(rgba: Uint8Array): void {
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colBuf);
    gl.bufferData(gl.ARRAY_BUFFER, rgba, gl.STATIC_DRAW);
  }

  setHighlight(indices: readonly number[]): void {
    const gl = this.gl;
    gl.bindVertexArray(this.vao);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.idxBuf);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, Uint32Array.from(indices), gl.DYNAMIC_DRAW);
    gl.bindVertexArray(null);
    this.highlighted = indices.length;
  }

  resize(width: number, height: number): void {
    const dpr = globalThis.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.aspect = width / Math.max(1, height);
  }

  /** Device coordinates of the layout → clip space: keeps the layout's aspect ratio in any canvas. */
  scale(): [number, number] {
    const z = this.view.zoom;
    return this.aspect >= 1 ? [z / this.aspect, z] : [z, z * this.aspect];
  }

  /** Layout coordinates → CSS pixels inside the canvas. */
  toScreen(x: number, y: number, width: number, height: number): [number, number] {
    const [sx, sy] = this.scale();
    const cx = x * sx + this.view.panX;
    const cy = y * sy + this.view.panY;
    return [((cx + 1) / 2) * width, ((1 - cy) / 2) * height];
  }

  /**
   * The CSS transform that moves a bitmap drawn with view `from` to where view `to` would draw it,
   * on a `width` × `height` CSS px canvas with transform-origin 0 0: css' = k · css + t with
   * k = to.zoom / from.zoom (both axes scale with the zoom).
   */
  bitmapTransform(from: View, to: View, width: number, height: number): { k: number; tx: number; ty: number } {
    const k = to.zoom / from.zoom;
    const tx = (width / 2) * (1 - k) + (width / 2) * (to.panX - k * from.panX);
    const ty = (height / 2) * (1 - k) - (height / 2) * (to.panY - k * from.panY);
    return { k, tx, ty };
  }

  /** CSS pixels inside the canvas → layout coordinates. */
  toLayout(px: number, py: number, width: number, height: number): [number, number] {
    const [sx, sy] = this.scale();
    const cx = (px / width) * 2 - 1;
    const cy = 1 - (py / height) * 2;
    return [(cx - this.view.panX) / sx, (cy - this.view.panY) / sy];
  }

  draw(): void {
    const gl = this.gl;
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.clearColor(1, 1, 1, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (!this.n) return;
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
    gl.useProgram(this.prog);
    gl.bindVertexArray(this.vao);
    const [sx, sy] = this.scale();
    const dpr = globalThis.devicePixelRatio || 1;
    gl.uniform2f(gl.getUniformLocation(this.prog, 'u_scale'), sx, sy);
    gl.uniform2f(gl.getUniformLocation(this.prog, 'u_offset'), this.view.panX, this.view.panY);
    gl.uniform1f(gl.getUniformLocation(this.prog, 'u_size'), this.pointSize * dpr * Math.min(3, Math.max(1, Math.sqrt(this.view.zoom))));
    gl.uniform1f(gl.getUniformLocation(this.prog, 'u_alpha'), this.highlighted ? 0.25 : 0.85);
    gl.uniform1f(gl.getUniformLocation(this.prog, 'u_ring'), 0);
    gl.drawArrays(gl.POINTS, 0, this.n);
    if (this.highlighted) {
      gl.uniform1f(gl.getUniformLocation(this.prog, 'u_size'), (this.pointSize + 5) * dpr);
      gl.uniform1f(gl.getUniformLocation(this.prog, 'u_alpha'), 1);
      gl.uniform1f(gl.getUniformLocation(this.prog, 'u_ring'), 1);
      gl.drawElements(gl.POINTS, this.highlighted, gl.UNSIGNED_INT, 0);
    }
    gl.bindVertexArray(null);
  }

  /** Blocks until the GPU has finished the frame (for timing only). */
  finish(): void {
    const px = new Uint8Array(4);
    this.gl.readPixels(0, 0, 1, 1, this.gl.RGBA, this.gl.UNSIGNED_BYTE, px);
  }

  dispose(): void {
    const gl = this.gl;
    gl.deleteBuffer(this.posBuf);
    gl.deleteBuffer(this.colBuf);
    gl.deleteBuffer(this.idxBuf);
    gl.deleteVertexArray(this.vao);
    gl.deleteProgram(this.prog);
  }
}

function need<T>(x: T | null): T {
  if (x === null) throw new Error('WebGL could not create a resource (context lost?)');
  return x;
}

function link(gl: WebGL2RenderingContext, vs: string, fs: string): WebGLProgram {
  const p = need(gl.createProgram());
  for (const [type, src] of [
    [gl.VERTEX_SHADER, vs],
    [gl.FRAGMENT_SHADER, fs],
  ] as const) {
    const s = need(gl.createShader(type));
    gl.shaderSource(s, src);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`WebGL shader: ${gl.getShaderInfoLog(s) ?? 'compile failed'}`);
    gl.attachShader(p, s);
  }
  gl.linkProgram(p);
  if (!gl.getProgramParameter(p, gl.LINK_STATUS)) throw new Error(`WebGL program: ${gl.getProgramInfoLog(p) ?? 'link failed'}`);
  return p;
}
