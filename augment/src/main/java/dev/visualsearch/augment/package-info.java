/**
 * Seeded image augmentation (flip, rotate, crop, blur, noise, colour, JPEG re-encoding) and ground
 * truth made from augmented copies. Not yet implemented.
 */
package dev.visualsearch.augment;
