/**
 * What the running Excel offers, checked at run time (Office.context.requirements.isSetSupported), so
 * the pane can run on versions below the manifest.xml minimum (manifest-excel2016.xml: ExcelApi 1.1)
 * and leave out what they lack. Without Office (tests without the fake) everything counts as there.
 */
export interface Caps {
  /** 1.2: Worksheet.protection, Range.merge, format.columnWidth/rowHeight. */
  protection: boolean;
  /** 1.4: getUsedRangeOrNullObject, getItemOrNullObject. */
  nullObjects: boolean;
  /** 1.6: conditional formats, suspendApiCalculationUntilNextSync. */
  conditionalFormats: boolean;
  /** 1.7: chart series add / setValues / setXAxisValues. */
  chartSeries: boolean;
  /** 1.9: Range.copyFrom, Worksheet.pageLayout. */
  copyFrom: boolean;
  /** 1.13: Range.getMergedAreasOrNullObject. */
  mergedAreas: boolean;
}

export function excelApi(minor: number): boolean {
  try {
    const req = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
    return req ? req.isSetSupported("ExcelApi", `1.${minor}`) : true;
  } catch {
    return true;
  }
}

export function caps(): Caps {
  return {
    protection: excelApi(2),
    nullObjects: excelApi(4),
    conditionalFormats: excelApi(6),
    chartSeries: excelApi(7),
    copyFrom: excelApi(9),
    mergedAreas: excelApi(13),
  };
}
