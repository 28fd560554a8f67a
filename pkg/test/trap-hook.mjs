// Test hook (never shipped): fault injection for the module's boundary. Imported before
// the package, it wraps the imports of every WebAssembly instance made from then on, so
// that after `trapAtNextImport()` the module's next call into JavaScript traps: a real
// `unreachable` in a tiny module of its own, raised in the middle of the package's call,
// which stops like a trap in the module itself would. `instancesMade()` counts the
// instances, to see the package make a new one.

/** (module (func (export "trap") unreachable)) */
const trapBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07,
  0x08, 0x01, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x00, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
]);
/** @type {() => void} */
let trap;
try {
  trap = /** @type {() => void} */ (new WebAssembly.Instance(new WebAssembly.Module(trapBytes)).exports.trap);
} catch {
  // A runtime that compiles no code at run time (workerd): the error a trap raises.
  trap = () => {
    throw new WebAssembly.RuntimeError("unreachable");
  };
}

let armed = false;
let made = 0;

export function trapAtNextImport() {
  armed = true;
}

export function instancesMade() {
  return made;
}

/** @param {WebAssembly.Imports | undefined} imports @returns {WebAssembly.Imports} */
function wrapped(imports) {
  made++;
  const namespaces = Object.entries(imports ?? {}).map(([namespace, members]) => [
    namespace,
    Object.fromEntries(
      Object.entries(members).map(([name, member]) => {
        if (typeof member !== "function") return [name, member];
        /** @this {unknown} @param {unknown[]} args */
        const hooked = function (...args) {
          if (armed) {
            armed = false;
            trap();
          }
          return member.apply(this, args);
        };
        return [name, hooked];
      }),
    ),
  ]);
  return Object.fromEntries(namespaces);
}

const { Instance, instantiate, instantiateStreaming } = WebAssembly;
// `new WebAssembly.Instance` (initSync) and the asynchronous forms (a browser's init).
/** @param {WebAssembly.Module} module @param {WebAssembly.Imports} [imports] */
function HookedInstance(module, imports) {
  return new Instance(module, wrapped(imports));
}
WebAssembly.Instance = /** @type {typeof Instance} */ (/** @type {unknown} */ (HookedInstance));
WebAssembly.instantiate = /** @type {typeof instantiate} */ (
  /** @param {BufferSource} source @param {WebAssembly.Imports} [imports] */
  (source, imports) => instantiate(source, wrapped(imports))
);
if (instantiateStreaming) {
  WebAssembly.instantiateStreaming = (source, imports) => instantiateStreaming(source, wrapped(imports));
}
