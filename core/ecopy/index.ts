/** Public API of the e-copy domain: originals' images + fields → unsigned e-copy PDF, statement, metadata. */
export { buildCopy, type CopyAssets } from './build-copy';
export { preloadFonts } from './fonts';
export { AUTHORITY_FIELD, CERTIFIER_FIELD, type EcopyFields } from './fields';
export { A4, believableDpi, isPaperChoice, orientationMatrix, PAPER_CHOICES, PAPER_SIZES, placeImage, type PagePlacement } from './image-pages';
export { checkOffice, COMMUNE_KINDS, type Office, type OfficeKind, officeDisplayName, parseOfficeName } from './office';
export {
  type CropRect, displayPixelSize, type ExifOrientation, type PaperChoice, type ImageContext, type OriginalImage, parseImage, type ParsedImage,
  sniffImageFormat, type SniffedFormat,
} from './images';
export {
  formatBookNo, type IsoDate, parseIsoDate, renderStatement, type RenderedStatement, selectStatementTemplate,
  STATEMENT_TEMPLATES, type StatementInput, type StatementTemplate,
} from './statement';
export { type Rect, STATEMENT_LAYOUT } from './statement-page';
export { MAX_PAGES, validateFields } from './validate-fields';
export { isPageRotation, nextRotation, PAGE_ROTATIONS, type PageRotation, rotateOrientation } from './rotation';
export { buildEcopyXmp, parseEcopyXmp, SAOY_XMP_NS, xmlEscape } from './xmp';
