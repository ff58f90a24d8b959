// CSS side-effect imports of the pages are bundled by Vite.
/// <reference types="vite/client" />
