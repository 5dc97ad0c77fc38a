// The projector core: PCA / UMAP to 2-D, exact cosine neighbours, point attributes, selections.
export * from './types';
export { l2NormaliseRows } from './normalise';
export { pca2d, type PcaOptions, type PcaResult } from './pca';
export { umap2d, umapRows, UMAP_SAMPLE_FROM, UMAP_SAMPLE_SIZE, type UmapOptions } from './umap';
export { cosineNeighbours, type Neighbour } from './knn';
export { itemAttributes, shopperAttributes, plantedVectorAttributes } from './attributes';
export { plantedWorld, plantedClusterVectors, type PlantedWorld, type PlantedVectors } from './planted';
export { selectionStats, searchPoints, type SelectionStats } from './selection';
export { toDeviceCoords, colourValues, COLOUR_MODES, type ColourMode, type ColourValues } from './layout';
export { buildPointGrid, nearestPoint, pointsInPolygon, insidePolygon, type PointGrid } from './point-grid';
