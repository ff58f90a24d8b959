/**
 * The difference policy, in the order the rules run: replacements are paired first, signature fields before the
 * form and page rules that depend on them, vetoes last (field-lock reviews the level reached).
 */
import type { DiffRule } from '../rule.js';
import { acroForm } from './acroform.js';
import { annotations } from './annotations.js';
import { catalogRewrite } from './catalog-rewrite.js';
import { docInfo } from './doc-info.js';
import { dss } from './dss.js';
import { extensions } from './extensions.js';
import { fieldLock } from './field-lock.js';
import { formFilling } from './form-filling.js';
import { newSignatureField } from './new-signature-field.js';
import { noEncryption } from './no-encryption.js';
import { pageAnnotations } from './page-annotations.js';
import { signExistingField } from './sign-existing-field.js';
import { signedFieldFrozen } from './signed-field-frozen.js';
import { structTree } from './struct-tree.js';
import { xmpMetadata } from './xmp-metadata.js';

export const RULES: readonly DiffRule[] = [
  catalogRewrite,
  noEncryption,
  dss,
  extensions,
  docInfo,
  xmpMetadata,
  newSignatureField,
  signExistingField,
  signedFieldFrozen,
  formFilling,
  acroForm,
  pageAnnotations,
  annotations,
  structTree,
  fieldLock,
];
